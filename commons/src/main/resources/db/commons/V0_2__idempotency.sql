-- Answers to writes that carried an Idempotency-Key, kept so that a retried request gets the first
-- answer (same key, same body) or a 422 (same key, other body). Written in the same transaction as
-- the write itself: a request that failed left nothing here and may be retried.
create table idempotency_key (
    principal     text        not null,   -- the token subject: keys are per caller
    key           text        not null,
    request_hash  text        not null,   -- SHA-256 of method, path and canonical body
    response      jsonb,
    created_at    timestamptz not null default now(),
    primary key (principal, key)
);
create index idempotency_key_created on idempotency_key (created_at);
