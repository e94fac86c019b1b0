package org.ihospital.consultation.appointment;

import java.time.Instant;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;

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
}
