-- Care plans and their alerts (issue 9): a plan per patient and chronic condition with its targets, alert
-- thresholds and cadence, and its care team; an alert is raised once per cause (unique), whatever the number
-- of readings or requests that find it.
create table care_plan (
    id                     uuid primary key,
    patient_id             uuid          not null,
    condition              text          not null check (condition in ('HYPERTENSION', 'TYPE2_DIABETES')),
    systolic_below         int           not null,
    diastolic_below        int           not null,
    fasting_from           numeric(4, 1) not null,
    fasting_to             numeric(4, 1) not null,
    after_meal_below       numeric(4, 1) not null,
    hba1c_below            numeric(3, 1) not null,
    critical_systolic      int           not null,
    critical_diastolic     int           not null,
    critical_glucose_low   numeric(4, 1) not null,
    critical_glucose_high  numeric(4, 1) not null,
    consecutive_above      int           not null check (consecutive_above between 2 and 10),
    readings_every_days    int           not null check (readings_every_days between 1 and 90),
    follow_up_every_days   int           not null check (follow_up_every_days between 7 and 365),
    updated_by             text          not null,
    updated_at             timestamptz   not null,
    version                bigint        not null default 0,
    unique (patient_id, condition)
);
create table care_plan_doctor (
    plan_id    uuid not null references care_plan (id) on delete cascade,
    doctor_id  uuid not null,
    primary key (plan_id, doctor_id)
);
create index care_plan_doctor_by_doctor on care_plan_doctor (doctor_id);
create table care_alert (
    id               uuid primary key,
    patient_id       uuid        not null,
    plan_id          uuid        not null references care_plan (id),
    rule             text        not null check (rule in ('CRITICAL', 'CONSECUTIVE_ABOVE_TARGET', 'OVERDUE')),
    cause            text        not null unique,
    detail           text        not null,
    raised_at        timestamptz not null,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    note             text,
    check ((acknowledged_at is null) = (acknowledged_by is null))
);
create index care_alert_open on care_alert (plan_id, raised_at) where acknowledged_at is null;
