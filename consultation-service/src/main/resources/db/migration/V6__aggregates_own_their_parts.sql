-- One pattern for every aggregate (docs/architecture.md): a prescription owns its diagnoses as rows,
-- a doctor's key is attested by the hospital, and an appointment knows when its consultation began.

-- The follow-up diagnoses a prescription treats, in order (they were a comma-joined column).
create table prescription_diagnosis (
    prescription_id  uuid    not null references prescription (id),
    ordinal          integer not null check (ordinal >= 0),
    icd10            text    not null,
    primary key (prescription_id, ordinal)
);
insert into prescription_diagnosis (prescription_id, ordinal, icd10)
    select p.id, d.ordinal - 1, d.icd10
    from prescription p, unnest(string_to_array(p.diagnoses, ',')) with ordinality as d (icd10, ordinal);
alter table prescription drop column diagnoses;

-- A doctor's key is bound to the doctor and a validity period by the hospital's signature over both
-- (AttestedKey). Keys made before attestation existed can no longer sign: the next prescription makes
-- an attested one.
alter table doctor_key
    add column not_before  timestamptz,
    add column not_after   timestamptz,
    add column attestation text,
    add column attested_by text;
update doctor_key set active = false, not_before = created_at, not_after = created_at where attestation is null;
alter table doctor_key
    alter column not_before set not null,
    alter column not_after set not null,
    add constraint doctor_key_attested check (not active or (attestation is not null and attested_by is not null));

-- Once the doctor opens the consultation, the visit can be neither cancelled nor moved.
alter table appointment add column consultation_opened_at timestamptz;
update appointment a set consultation_opened_at = c.opened_at from consultation c where c.appointment_id = a.id;
