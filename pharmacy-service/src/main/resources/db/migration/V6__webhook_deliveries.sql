-- Outbound webhooks (Standard Webhooks): a persistent queue, so that a restart loses no pending
-- delivery. A dispatcher claims due rows with a lease (a claim outlives no crash), sends them outside
-- any transaction, and records the outcome; retries follow the configured schedule, then FAILED.
create table webhook_delivery (
    id              uuid primary key,
    message_id      text        not null unique,
    partner_id      uuid        not null references partner (id),
    type            text        not null,
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_failed on webhook_delivery (failed_at, id) where status = 'FAILED';
create index webhook_delivery_by_partner on webhook_delivery (partner_id, created_at);
