-- The pharmacist's review (审方): what the doctor signed (items), what the patient record says
-- (allergies, region), the automatic screening findings, and the one decision.
alter table review drop constraint review_status_check;
alter table review add constraint review_status_check
    check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'INVALID'));
alter table review
    add column patient_id    uuid,
    add column doctor_id     uuid,
    add column issued_at     timestamptz,
    add column expires_at    timestamptz,
    add column region        text,
    add column decided_by    text,
    add column decided_at    timestamptz,
    add column decision_reason text;
-- A decision names who took it and when; a rejection always has its reason.
alter table review add constraint review_decided check (
    (status in ('APPROVED', 'REJECTED')) = (decided_by is not null and decided_at is not null)
    and (status <> 'REJECTED' or decision_reason is not null));

create table review_item (
    review_id    uuid    not null references review (id),
    line         int     not null,
    drug_code    text    not null,
    generic_name text    not null,
    atc          text    not null,
    quantity     int     not null check (quantity > 0),
    dose_amount  numeric not null check (dose_amount > 0),
    frequency    text    not null,
    days         int     not null check (days > 0),
    primary key (review_id, line)
);

create table review_allergy (
    review_id uuid not null references review (id),
    ordinal   int  not null,
    substance text not null,
    severity  text not null,
    primary key (review_id, ordinal)
);

create table review_finding (
    review_id uuid not null references review (id),
    ordinal   int  not null,
    kind      text not null,
    severity  text not null check (severity in ('MINOR', 'MODERATE', 'MAJOR')),
    lines     text not null,
    detail    text not null,
    primary key (review_id, ordinal)
);

-- The queue: pending reviews oldest first; decided ones by the time they came.
drop index review_pending;
create index review_by_status on review (status, received_at, id);
