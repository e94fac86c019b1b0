-- The audit trail, tamper-evident against the database's own owner (ADR 0009, revised; ADR 0014):
-- a staff read only appends an event (no lock on the read path); a single chainer links the events in
-- order with an HMAC whose key the database never sees; checkpoints of the chain are signed with the
-- hospital key; the service's role may insert and read these tables, never update, delete or truncate
-- them (grants: afterMigrate.sql; migrations run as the owner role).

create table audit_event (
    id          bigint generated always as identity primary key,   -- the order of appending
    at          timestamptz not null,
    actor       text not null,
    actor_role  text not null,
    patient_id  uuid not null,
    action      text not null,
    resource    text not null,
    request_id  text not null default ''
);

-- Rows chained before this migration keep their SHA-256 links ('sha256'); new links are HMAC-SHA256.
alter table audit_log
    add column event_id  bigint unique references audit_event (id),
    add column algorithm text not null default 'sha256' check (algorithm in ('sha256', 'hmac-sha256'));

-- A checkpoint seals the chain up to seq: the hospital's Ed25519 signature over "seq|hash|sealedAt".
-- Deleting the tail past a checkpoint, or rewriting anything before it, is detected.
create table audit_checkpoint (
    seq        bigint primary key,
    hash       text not null,
    sealed_at  timestamptz not null,
    key_id     text not null,
    signature  text not null
);

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_log_append_only();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_log_append_only();

-- The head moved out of the read path: the chain's end is its last row.
drop table audit_head;
