-- Notifications (issue 9): what the hospital tells a patient or a clinician, written in the transaction of
-- its cause, and one delivery per channel that a dispatcher works off (an outbox of notifications: a
-- delivery is tried until it is sent, a channel's failure never loses the notification).
create table notification (
    id          uuid primary key,
    seq         bigint generated always as identity unique,
    recipient   text        not null,
    kind        text        not null,
    subject_id  uuid        not null,
    title       text        not null,
    body        text        not null,
    created_at  timestamptz not null
);
create index notification_of_recipient on notification (recipient, seq);
create table notification_delivery (
    id               uuid primary key,
    notification_id  uuid        not null references notification (id),
    channel          text        not null,
    status           text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    sent_at          timestamptz,
    last_error       text,
    unique (notification_id, channel)
);
create index notification_delivery_pending on notification_delivery (next_attempt_at) where status = 'PENDING';

-- Refills (复诊续方): a dispensed chronic prescription's supply, when it runs out, and the reminder a few days
-- before; renewed when a doctor renews the prescription after the follow-up visit.
create table refill (
    prescription_id     uuid primary key,
    patient_id          uuid        not null,
    doctor_id           uuid        not null,
    dispensed_at        timestamptz not null,
    runs_out_on         date        not null,
    remind_on           date        not null,
    status              text        not null check (status in ('TRACKING', 'REMINDED', 'RENEWED')),
    reminded_at         timestamptz,
    suggested_slot_id   uuid,
    suggested_slot_at   timestamptz,
    renewed_by          uuid
);
create index refill_due on refill (remind_on) where status = 'TRACKING';
create index refill_of_patient on refill (patient_id, runs_out_on);

-- A renewed prescription names the one it renews.
alter table prescription add column renewal_of uuid references prescription (id);
