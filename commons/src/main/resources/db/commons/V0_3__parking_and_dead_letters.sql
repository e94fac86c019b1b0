-- The relay records each failure with its row and parks a row Kafka keeps refusing; the inbox keeps
-- what it could not apply, and what arrived after it for the same subject, for operators to replay in
-- order (ADR 0012).

alter table outbox_event
    add column next_attempt_at timestamptz,            -- in back-off after a failure until then
    add column parked_at       timestamptz,            -- refused too often: waits for an operator
    add column discarded_at    timestamptz,            -- an operator gave up on it, with a reason
    add column discard_reason  text,
    add column discarded_by    text;
-- what the relay reads: the pending rows of a subject, in order
create index outbox_event_pending_by_subject on outbox_event (subject, seq) where published_at is null and discarded_at is null;
create index outbox_event_parked on outbox_event (parked_at) where parked_at is not null and published_at is null and discarded_at is null;

-- An event a consumer could never apply (a contract violation, an unknown type, a rule that refuses
-- it): kept whole, with its error, until an operator replays or discards it. While it is open, later
-- events of the same subject for the same consumer are parked, so nothing is applied out of order.
create table inbox_dead_letter (
    id             uuid primary key,
    consumer       text        not null,
    event_id       uuid        not null,
    subject        text        not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    data           text        not null,
    error          text        not null,                -- masked, one line
    dead_at        timestamptz not null default now(),
    resolved_at    timestamptz,
    resolution     text check (resolution in ('REPLAYED', 'DISCARDED')),
    resolved_by    text,
    resolve_reason text,
    unique (consumer, event_id)
);
create index inbox_dead_letter_open on inbox_dead_letter (consumer, subject) where resolved_at is null;

create table inbox_parked (
    seq          bigint generated always as identity primary key,   -- arrival order
    consumer     text        not null,
    event_id     uuid        not null,
    subject      text        not null,
    type         text        not null,
    occurred_at  timestamptz not null,
    data         text        not null,
    parked_at    timestamptz not null default now(),
    unique (consumer, event_id)
);
create index inbox_parked_subject on inbox_parked (consumer, subject, seq);

create index inbox_event_received on inbox_event (received_at);
