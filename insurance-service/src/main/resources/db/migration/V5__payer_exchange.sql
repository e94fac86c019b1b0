-- The claims exchange: a covered claim is confirmed by its payers before anything is dispensed
-- (pre-settlement, 预结算), paid by them once delivered (settlement, 结算), released when voided. Each
-- submission is a row of a persistent queue, written in the transaction that decided it, sent with an
-- idempotency key until the payer answers; a claim's submissions go one at a time, in order of seq.

-- what the patient's year had used before the claim (the payers split against it too), and when the
-- payers confirmed the split (claim.adjudicated is published then)
alter table claim add column opening_deductible_used bigint not null default 0;
alter table claim add column opening_basic_paid bigint not null default 0;
alter table claim add column opening_supplementary_paid bigint not null default 0;
alter table claim add column confirmed_at timestamptz;
update claim set confirmed_at = adjudicated_at where status <> 'REJECTED';

alter table claim_flag drop constraint claim_flag_kind_check;
alter table claim_flag add constraint claim_flag_kind_check check (kind in ('QUANTITY_OVER_LIMIT', 'DUPLICATE_THERAPY',
    'REFILL_TOO_FREQUENT', 'PAYER_REFUSED', 'PAYER_DISAGREES', 'PAYER_UNAVAILABLE'));

create table payer_submission (
    id              uuid primary key,
    claim_id        uuid        not null references claim (id),
    seq             int         not null,
    payer           text        not null check (payer in ('BASIC', 'SUPPLEMENTARY')),
    phase           text        not null check (phase in ('PRE_SETTLEMENT', 'SETTLEMENT', 'CANCELLATION')),
    idempotency_key text        not null unique,
    request         text        not null,
    status          text        not null check (status in ('PENDING', 'ANSWERED', 'FAILED')),
    outcome         text,
    payer_pays      bigint,
    reason          text,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    answered_at     timestamptz,
    unique (claim_id, seq),
    check ((status = 'ANSWERED') = (outcome is not null))
);
create index payer_submission_due on payer_submission (next_attempt_at) where status = 'PENDING';
