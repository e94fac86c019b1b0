-- Transactional outbox and inbox, shared by every service (commons/, ADR 0003).
-- Versions 0.x belong to commons; a service's own migrations start at 1.

-- An event waits here, written in the same transaction as the state change it describes,
-- until the relay has published it to Kafka.
create table outbox_event (
    id            uuid primary key,               -- the CloudEvent id, the consumers' de-duplication key
    seq           bigint generated always as identity unique,
    topic         text        not null,
    subject       text        not null,           -- aggregate id: the CloudEvent subject and the Kafka key
    type          text        not null,           -- hospital.<aggregate>.<event>.v<n>
    payload       jsonb       not null,
    request_id    text,
    occurred_at   timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Event ids a consumer has already applied, recorded in the consumer's own transaction.
create table inbox_event (
    consumer     text        not null,
    event_id     uuid        not null,
    type         text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Wakes the relays (LISTEN outbox_event) when a transaction that wrote events commits, so events
-- leave within milliseconds; the relays' periodic poll remains the safety net.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;
create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();
