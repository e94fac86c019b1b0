-- A tiny aggregate that exists only in commons' tests, to exercise outbox, relay and inbox for real.
create table note (
    id        uuid primary key,
    text      text    not null,
    priority  integer not null
);
-- What the consumer side did with each note.created event: applied once per event, however often delivered.
create table note_seen (
    note_id  uuid primary key,
    times    integer not null
);
