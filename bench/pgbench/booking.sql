-- bench/run pgbench: one booking as consultation-service runs it (the statements of POST /api/v1/appointments
-- in PostgreSQL's log, in their order): the idempotency key claimed on its own, then one transaction that
-- locks the patient, reads the slot, counts what the patient holds, takes the slot, inserts the
-- appointment and its outbox event, looks for a waitlist offer, and completes the key. What is left out:
-- the outbox relay's publication after the commit. Each slot is found by its number (bench_slot), the values
-- the service carries from one statement to the next are read again from the slot row.
\set p random(1, :patients)
\set k random(1, 1000000000)
select nextval('bench_slot_n') as s \gset
insert into idempotency_key (principal, key, operation, request_hash, state, locked_until)
  values ('bench-patient-' || :p::bigint, :k::bigint || '-' || :s::bigint, 'POST /api/v1/appointments', md5(:k::bigint::text), 'IN_FLIGHT', now() + make_interval(secs => 60))
  on conflict do nothing;
begin;
select id from patient where user_id = 'bench-patient-' || :p::bigint;
select id, id_card, name, phone, region, user_id from patient where id = md5(:p::bigint::text)::uuid for no key update;
select id, day, doctor_id, ends_at, held_for, held_until, schedule_id, starts_at, status from slot where id = (select id from bench_slot where n = :s::bigint);
select count(*) filter (where status = 'BOOKED' and starts_at > now()),
       count(*) filter (where status = 'BOOKED' and starts_at > now() and doctor_id = md5('doctor' || (1 + (:s::bigint - 1) % 100))::uuid),
       count(*) filter (where booked_at >= current_date)
  from appointment where patient_id = md5(:p::bigint::text)::uuid;
update slot set status = 'BOOKED', held_for = null, held_until = null
  where id = (select id from bench_slot where n = :s::bigint) and starts_at > now()
    and (status = 'OPEN' or (status = 'HELD' and held_for = md5(:p::bigint::text)::uuid and held_until > now()))
  returning id, doctor_id, day, starts_at, ends_at;
insert into appointment (booked_at, cancelled_at, cancelled_by, consultation_id, consultation_opened_at, doctor_id, ends_at,
    patient_id, reason, slot_id, starts_at, status, version, id)
  select now(), null, null, null, null, doctor_id, ends_at, md5(:p::bigint::text)::uuid, '复诊 (benchmark)', id, starts_at, 'BOOKED', 0, gen_random_uuid()
  from slot where id = (select id from bench_slot where n = :s::bigint);
insert into outbox_event (id, topic, subject, type, payload, request_id)
  select gen_random_uuid(), 'consultation.appointments', id, 'hospital.appointment.booked.v1',
    cast(cast(json_build_object('appointmentId', id, 'patientId', md5(:p::bigint::text)::uuid, 'doctorId', doctor_id, 'slotId', id,
      'startsAt', starts_at, 'endsAt', ends_at, 'reason', '复诊 (benchmark)') as text) as jsonb), gen_random_uuid()::text
  from slot where id = (select id from bench_slot where n = :s::bigint);
select id, appointment_id, closed_at, day, doctor_id, joined_at, offer_expires_at, offered_slot_id, patient_id, status, version
  from waitlist_entry where patient_id = md5(:p::bigint::text)::uuid and offered_slot_id = (select id from bench_slot where n = :s::bigint)
    and status = 'OFFERED'
  offset 0 rows fetch first 1 rows only for no key update;
update idempotency_key set state = 'COMPLETED', status = null,
    response = cast(cast(json_build_object('slot', :s::bigint, 'status', 'BOOKED') as text) as jsonb), locked_until = null
  where principal = 'bench-patient-' || :p::bigint and key = :k::bigint || '-' || :s::bigint;
commit;
