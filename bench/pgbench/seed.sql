-- bench/run pgbench: the data the booking transaction (booking.sql) runs against, in a copy of
-- consultation-service's schema (database bench_booking, made afresh by every run):
-- :patients patients (id = md5(n)), 100 doctors, and for each doctor consecutive 5-minute slots, numbered
-- in bench_slot so that every transaction books a slot no other one books.
insert into doctor (id, user_id, name, licence_number, title)
select md5('doctor' || d)::uuid, 'bench-doctor-' || d, 'Bench Doctor', 'BENCH' || lpad(d::text, 8, '0'), 'Attending'
from generate_series(1, 100) d;

insert into patient (id, user_id, name, phone, id_card, region)
select md5(n::text)::uuid, 'bench-patient-' || n, 'Bench Patient', null, null, null
from generate_series(1, :patients) n;

insert into schedule (id, doctor_id, day, starts_at, ends_at, slot_minutes, created_by)
select md5('schedule' || d)::uuid, md5('doctor' || d)::uuid, current_date + 2, now() + interval '2 days',
       now() + interval '2 days' + make_interval(mins => 5 * :slots_per_doctor), 5, 'bench'
from generate_series(1, 100) d;

create table bench_slot (n bigint primary key, id uuid not null);
create sequence bench_slot_n;

insert into bench_slot (n, id)
select (i - 1) * 100 + d, gen_random_uuid()
from generate_series(1, 100) d, generate_series(1, :slots_per_doctor) i;

insert into slot (id, doctor_id, schedule_id, day, starts_at, ends_at)
select b.id, md5('doctor' || (1 + (b.n - 1) % 100))::uuid, md5('schedule' || (1 + (b.n - 1) % 100))::uuid, current_date + 2,
       now() + interval '2 days' + make_interval(mins => 5 * ((b.n - 1) / 100)::int),
       now() + interval '2 days' + make_interval(mins => 5 * ((b.n - 1) / 100)::int + 5)
from bench_slot b;

analyze;
