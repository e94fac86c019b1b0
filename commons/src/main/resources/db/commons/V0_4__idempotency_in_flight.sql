-- Idempotency keys as Stripe keeps them (ADR 0013): the key is claimed in its own transaction before the
-- write runs, so an identical request arriving meanwhile is told at once that the first is in flight;
-- the answer, a success or a refusal (4xx) of a request that started executing, is stored with the key.
alter table idempotency_key
    add column operation     text,                      -- the matched route, e.g. POST /api/v1/appointments
    add column state         text not null default 'COMPLETED' check (state in ('IN_FLIGHT', 'COMPLETED')),
    add column status        integer,                   -- the HTTP status of the stored answer
    add column locked_until  timestamptz;               -- an IN_FLIGHT claim older than this was left by a crash
