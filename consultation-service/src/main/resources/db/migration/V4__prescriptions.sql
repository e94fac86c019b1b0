-- Electronic prescriptions (电子处方): signed by the doctor's own key, reviewed by a pharmacist,
-- dispensed at most once, expiring after 3 days by default.

-- A doctor's signing key. The private key is stored encrypted (AES-256-GCM) with a key that only the
-- service's configuration holds; the public key verifies the doctor's prescriptions for ever.
create table doctor_key (
    id                     uuid primary key,
    doctor_id              uuid not null references doctor (id),
    algorithm              text not null check (algorithm = 'Ed25519'),
    public_key             bytea not null,          -- X.509 SubjectPublicKeyInfo
    private_key_encrypted  bytea not null,          -- PKCS#8, AES-256-GCM
    iv                     bytea not null,
    active                 boolean not null default true,
    created_at             timestamptz not null
);
create unique index doctor_key_one_active on doctor_key (doctor_id) where active;

create table prescription (
    id               uuid primary key,
    consultation_id  uuid not null references consultation (id),
    patient_id       uuid not null references patient (id),
    doctor_id        uuid not null references doctor (id),
    doctor_licence   text not null,
    diagnoses        text not null,                 -- the follow-up diagnoses it treats, ICD-10, comma-separated
    status           text not null check (status in ('ISSUED', 'REVOKED', 'EXPIRED', 'DISPENSED')),
    issued_at        timestamptz not null,
    expires_at       timestamptz not null,
    key_id           uuid not null references doctor_key (id),
    signature        text not null,                 -- base64 Ed25519 over the RFC 8785 canonical JSON
    revoked_at       timestamptz,
    revoke_reason    text,
    version          integer not null default 0
);
create index prescription_patient on prescription (patient_id, issued_at);
create index prescription_due on prescription (expires_at) where status = 'ISSUED';

create table prescription_item (
    prescription_id  uuid not null references prescription (id),
    line             integer not null check (line between 1 and 5),
    drug_code        text not null,
    generic_name     text not null,
    form             text not null,
    strength         numeric not null,
    strength_unit    text not null,
    atc              text not null,
    quantity         integer not null check (quantity > 0),
    dose_amount      numeric not null check (dose_amount > 0),
    frequency        text not null,
    days             integer not null check (days between 1 and 90),
    instructions     text not null default '',
    primary key (prescription_id, line)
);

-- Every step of a prescription's way, once each: its own events and those of pharmacy and insurance.
create table prescription_timeline (
    id               bigint generated always as identity primary key,
    prescription_id  uuid not null,
    event_id         uuid not null unique,
    type             text not null,
    occurred_at      timestamptz not null,
    detail           jsonb not null default '{}'
);
create index prescription_timeline_by_prescription on prescription_timeline (prescription_id, occurred_at, id);
