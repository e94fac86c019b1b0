-- Booking follow-up visits (预约复诊): doctors, patients, schedules cut into slots, appointments and
-- the waitlist. The invariants that concurrency could break are enforced here, by the database.

-- btree_gist lets one exclusion constraint compare a doctor id (=) and a time range (&&). It is a
-- trusted extension: the database's owner may create it.
create extension if not exists btree_gist;

create table doctor (
    id              uuid primary key,
    user_id         text not null unique,          -- the Keycloak subject of the doctor's account
    name            text not null,
    licence_number  text not null unique,          -- 医师执业证书编码
    title           text not null,                 -- e.g. 主任医师 Chief Physician
    bio             text not null default '',
    active          boolean not null default true,
    created_at      timestamptz not null default now()
);

create table doctor_department (
    doctor_id        uuid not null references doctor (id),
    department_code  text not null references department (code),
    primary key (doctor_id, department_code)
);

-- A patient's profile, created from the token subject on first use. Personal data is stored in full
-- and shown masked (names, phone and ID-card numbers never appear in a log).
create table patient (
    id          uuid primary key,
    user_id     text not null unique,
    name        text not null,
    phone       text,
    id_card     text,
    region      text,                              -- administrative division code (行政区划代码), e.g. 310104
    created_at  timestamptz not null default now()
);

create table schedule (
    id            uuid primary key,
    doctor_id     uuid not null references doctor (id),
    day           date not null,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    slot_minutes  integer not null check (slot_minutes between 5 and 120),
    created_by    text not null,
    created_at    timestamptz not null default now(),
    check (starts_at < ends_at)
);

create table slot (
    id           uuid primary key,
    doctor_id    uuid not null references doctor (id),
    schedule_id  uuid not null references schedule (id),
    day          date not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    status       text not null default 'OPEN' check (status in ('OPEN', 'HELD', 'BOOKED')),
    held_for     uuid references patient (id),     -- while HELD: the waitlisted patient it is offered to
    held_until   timestamptz,
    check (starts_at < ends_at),
    check ((status = 'HELD') = (held_for is not null and held_until is not null)),
    -- a doctor is never in two slots at once: overlapping schedules are refused here
    constraint slot_no_overlap exclude using gist (doctor_id with =, tstzrange(starts_at, ends_at) with &&)
);
create index slot_free on slot (doctor_id, starts_at) where status = 'OPEN';

create table appointment (
    id            uuid primary key,
    slot_id       uuid not null references slot (id),
    patient_id    uuid not null references patient (id),
    doctor_id     uuid not null references doctor (id),
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    status        text not null check (status in ('BOOKED', 'CANCELLED', 'NO_SHOW', 'COMPLETED')),
    reason        text not null,
    booked_at     timestamptz not null,
    cancelled_at  timestamptz,
    cancelled_by  text,
    version       integer not null default 0
);
-- exactly one live appointment per slot, whatever the number of concurrent requests
create unique index appointment_one_per_slot on appointment (slot_id) where status <> 'CANCELLED';
create index appointment_patient on appointment (patient_id, starts_at, id);
create index appointment_doctor on appointment (doctor_id, starts_at, id);

create table waitlist_entry (
    id                uuid primary key,
    doctor_id         uuid not null references doctor (id),
    day               date not null,
    patient_id        uuid not null references patient (id),
    status            text not null check (status in ('WAITING', 'OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED')),
    joined_at         timestamptz not null,
    offered_slot_id   uuid references slot (id),
    offer_expires_at  timestamptz,
    appointment_id    uuid references appointment (id),
    closed_at         timestamptz,
    version           integer not null default 0,
    check ((status = 'OFFERED') = (offered_slot_id is not null and offer_expires_at is not null))
);
-- one live place per patient in a doctor's day
create unique index waitlist_one_live_place on waitlist_entry (doctor_id, day, patient_id) where status in ('WAITING', 'OFFERED');
create index waitlist_queue on waitlist_entry (doctor_id, day, joined_at) where status = 'WAITING';
create index waitlist_offers_due on waitlist_entry (offer_expires_at) where status = 'OFFERED';
