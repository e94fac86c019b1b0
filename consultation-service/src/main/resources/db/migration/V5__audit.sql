-- Every read of a patient's record by staff, written in the reading transaction. Each row carries the
-- hash of the one before, so a deleted, inserted or altered row breaks the chain (GET /audit/verification).

create table audit_log (
    seq          bigint primary key,            -- 1, 2, 3 … without gaps, assigned under the head's lock
    at           timestamptz not null,
    actor        text not null,                 -- the token subject of the staff member
    actor_role   text not null,
    patient_id   uuid not null,
    action       text not null,                 -- e.g. read-prescription
    resource     text not null,                 -- e.g. prescription/3f2a…
    request_id   text not null default '',
    prev_hash    text not null,
    hash         text not null
);
create index audit_log_patient on audit_log (patient_id, seq);

-- The chain's end: its row lock orders concurrent appends.
create table audit_head (
    id    integer primary key check (id = 1),
    seq   bigint not null,
    hash  text not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

-- Append-only: the service never updates or deletes a row (changing this takes the table owner
-- disabling the trigger, and the chain still tells).
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();
