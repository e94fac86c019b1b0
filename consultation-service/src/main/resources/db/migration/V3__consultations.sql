-- Online consultation (在线问诊): the visit's conversation, the doctor's diagnoses, and the patient's
-- clinical record that a follow-up builds on (conditions diagnosed elsewhere, allergies, medication).

create table consultation (
    id              uuid primary key,
    appointment_id  uuid not null unique references appointment (id),
    patient_id      uuid not null references patient (id),
    doctor_id       uuid not null references doctor (id),
    status          text not null check (status in ('OPEN', 'COMPLETED')),
    opened_at       timestamptz not null,
    completed_at    timestamptz,
    version         integer not null default 0
);
create index consultation_patient on consultation (patient_id, opened_at);

create table message (
    id               uuid primary key,
    consultation_id  uuid not null references consultation (id),
    seq              bigint generated always as identity unique,   -- the stable order of the conversation
    sender           text not null check (sender in ('PATIENT', 'DOCTOR')),
    text             text not null default '',
    sent_at          timestamptz not null
);
create index message_by_consultation on message (consultation_id, seq);

-- Images are kept in the service's own database (no object store to run); at most 9 a message.
create table message_image (
    id          uuid primary key,
    message_id  uuid not null references message (id),
    ordinal     smallint not null check (ordinal between 0 and 8),
    media_type  text not null check (media_type in ('image/jpeg', 'image/png')),
    size_bytes  integer not null check (size_bytes between 1 and 5242880),
    sha256      text not null,
    content     bytea not null,
    unique (message_id, ordinal)
);

create table diagnosis (
    id               uuid primary key,
    consultation_id  uuid not null references consultation (id),
    patient_id       uuid not null references patient (id),
    icd10            text not null,
    note             text not null default '',
    recorded_by      text not null,
    recorded_at      timestamptz not null
);
create index diagnosis_patient on diagnosis (patient_id, icd10);

-- A diagnosis made outside this hospital's online service (an earlier offline visit, another
-- hospital): what makes a later online visit a follow-up.
create table patient_condition (
    id            uuid primary key,
    patient_id    uuid not null references patient (id),
    icd10         text not null,
    diagnosed_on  date not null,
    source        text not null,          -- where it was diagnosed, e.g. the hospital and department
    note          text not null default '',
    recorded_by   text not null,
    recorded_at   timestamptz not null
);
create index patient_condition_patient on patient_condition (patient_id, icd10);

create table allergy (
    id           uuid primary key,
    patient_id   uuid not null references patient (id),
    substance    text not null,            -- a drug's generic name or ATC prefix, or a non-drug allergen
    reaction     text not null default '',
    severity     text not null check (severity in ('MILD', 'MODERATE', 'SEVERE')),
    active       boolean not null default true,
    recorded_by  text not null,
    recorded_at  timestamptz not null
);
create index allergy_patient on allergy (patient_id) where active;

create table medication (
    id           uuid primary key,
    patient_id   uuid not null references patient (id),
    name         text not null,
    drug_code    text,                     -- the dictionary code when it is one of ours
    dosage       text not null default '',
    since        date,
    active       boolean not null default true,
    recorded_by  text not null,
    recorded_at  timestamptz not null
);
create index medication_patient on medication (patient_id) where active;
