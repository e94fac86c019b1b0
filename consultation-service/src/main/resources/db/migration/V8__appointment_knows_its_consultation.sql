-- An appointment names its consultation once it is opened, so that the apps find the conversation from
-- the visit (AppointmentView.consultationId) without a second look-up.
alter table appointment add column consultation_id uuid;
update appointment a set consultation_id = c.id from consultation c where c.appointment_id = a.id;
alter table appointment add constraint appointment_consultation_once
    check ((consultation_id is null) = (consultation_opened_at is null));
