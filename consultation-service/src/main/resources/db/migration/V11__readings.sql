-- Readings patients report between visits (issue 9): blood pressure, glucose, weight, HbA1c, in the hospital's
-- units. A device's reading is stored once, whatever the number of times the app sends it (its own id, per
-- device and patient).
create table reading (
    id                 uuid primary key,
    patient_id         uuid        not null,
    kind               text        not null check (kind in ('BLOOD_PRESSURE', 'GLUCOSE', 'WEIGHT', 'HBA1C')),
    measured_at        timestamptz not null,
    systolic_mmhg      int,
    diastolic_mmhg     int,
    pulse_bpm          int,
    value              numeric(5, 1) not null,
    glucose_timing     text check (glucose_timing in ('FASTING', 'AFTER_MEAL', 'RANDOM')),
    device_id          text,
    device_reading_id  text,
    recorded_at        timestamptz not null,
    recorded_by        text        not null,
    check ((kind = 'BLOOD_PRESSURE') = (systolic_mmhg is not null and diastolic_mmhg is not null)),
    check ((kind = 'GLUCOSE') = (glucose_timing is not null)),
    check ((device_id is null) = (device_reading_id is null))
);
create unique index reading_once_per_device on reading (patient_id, device_id, device_reading_id) where device_id is not null;
create index reading_by_patient on reading (patient_id, kind, measured_at);
