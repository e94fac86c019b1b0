package org.ihospital.consultation.appointment;

import java.time.Instant;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.PendingEvent;

/** The facts this aggregate publishes on {@code consultation.appointments} (schemas in contracts/). */
final class AppointmentEvents {

    static final String TOPIC = "consultation.appointments";
    static final CloudEventType BOOKED = CloudEventType.of("appointment.booked");
    static final CloudEventType CANCELLED = CloudEventType.of("appointment.cancelled");
    static final CloudEventType RESCHEDULED = CloudEventType.of("appointment.rescheduled");

    private AppointmentEvents() {
    }

    record AppointmentBooked(UUID appointmentId, UUID patientId, UUID doctorId, UUID slotId, Instant startsAt, Instant endsAt,
            Instant bookedAt) {
    }

    record AppointmentCancelled(UUID appointmentId, UUID patientId, UUID doctorId, UUID slotId, Instant startsAt,
            String cancelledBy, Instant cancelledAt) {
    }

    record AppointmentRescheduled(UUID appointmentId, UUID patientId, UUID doctorId, UUID fromSlotId, UUID toSlotId,
            Instant startsAt, Instant endsAt, Instant rescheduledAt) {
    }

    static PendingEvent booked(Appointment a) {
        return new PendingEvent(TOPIC, BOOKED, a.id().toString(), new AppointmentBooked(a.id(), a.patientId(), a.doctorId(),
                a.slotId(), a.startsAt(), a.endsAt(), a.bookedAt()));
    }

    static PendingEvent cancelled(Appointment a, Appointment.Party by, Instant at) {
        return new PendingEvent(TOPIC, CANCELLED, a.id().toString(), new AppointmentCancelled(a.id(), a.patientId(), a.doctorId(),
                a.slotId(), a.startsAt(), by.name().toLowerCase(), at));
    }

    static PendingEvent rescheduled(Appointment a, UUID fromSlot, Instant at) {
        return new PendingEvent(TOPIC, RESCHEDULED, a.id().toString(), new AppointmentRescheduled(a.id(), a.patientId(),
                a.doctorId(), fromSlot, a.slotId(), a.startsAt(), a.endsAt(), at));
    }
}
