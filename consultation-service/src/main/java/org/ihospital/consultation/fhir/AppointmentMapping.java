package org.ihospital.consultation.fhir;

import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.ihospital.consultation.appointment.Appointment;

/** A follow-up visit as a FHIR R4 Appointment: its time, the patient and the doctor (both accepted), the reason given. */
final class AppointmentMapping {

    private AppointmentMapping() {
    }

    static org.hl7.fhir.r4.model.Appointment of(Appointment a) {
        var fhir = new org.hl7.fhir.r4.model.Appointment();
        fhir.setId(a.id().toString());
        fhir.setStatus(status(a.status()));
        fhir.setStart(Codes.date(a.startsAt()));
        fhir.setEnd(Codes.date(a.endsAt()));
        fhir.setCreated(Codes.date(a.bookedAt()));
        fhir.addReasonCode().setText(a.reason());
        fhir.addParticipant().setActor(Codes.patient(a.patientId())).setRequired(ParticipantRequired.REQUIRED)
                .setStatus(ParticipationStatus.ACCEPTED);
        fhir.addParticipant().setActor(Codes.practitioner(a.doctorId())).setRequired(ParticipantRequired.REQUIRED)
                .setStatus(ParticipationStatus.ACCEPTED);
        return fhir;
    }

    static AppointmentStatus status(Appointment.Status status) {
        return switch (status) {
            case BOOKED -> AppointmentStatus.BOOKED;
            case CANCELLED -> AppointmentStatus.CANCELLED;
            case NO_SHOW -> AppointmentStatus.NOSHOW;
            case COMPLETED -> AppointmentStatus.FULFILLED;
        };
    }
}
