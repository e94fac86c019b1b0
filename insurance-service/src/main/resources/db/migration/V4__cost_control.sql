-- Cost control (医保控费): flags for auditors on a claim; a flag of HOLD severity keeps the claim's order
-- from being dispensed until an auditor resolves it (then claim.released).
alter table claim_line add column atc text;
alter table claim add column held boolean not null default false;

create table claim_flag (
    id          uuid primary key,
    claim_id    uuid        not null references claim (id),
    kind        text        not null check (kind in ('QUANTITY_OVER_LIMIT', 'DUPLICATE_THERAPY', 'REFILL_TOO_FREQUENT')),
    severity    text        not null check (severity in ('HOLD', 'NOTICE')),
    line        int,
    detail      text        not null,
    resolved_by text,
    resolved_at timestamptz,
    resolution  text,
    check ((resolved_at is null) = (resolved_by is null))
);
create index claim_flag_open on claim_flag (claim_id) where resolved_at is null;
