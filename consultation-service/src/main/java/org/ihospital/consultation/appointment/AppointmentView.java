package org.ihospital.consultation.appointment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An appointment as the apps see it (and as an idempotent booking replays it). */
public record AppointmentView(UUID id, UUID slotId, UUID patientId, UUID doctorId, Instant startsAt, Instant endsAt,
        String status, String reason, Instant bookedAt,
        @Schema(description = "The visit's online consultation, once its doctor opened it; null before") UUID consultationId) {

    public static AppointmentView of(Appointment a) {
        return new AppointmentView(a.id(), a.slotId(), a.patientId(), a.doctorId(), a.startsAt(), a.endsAt(), a.status().name(),
                a.reason(), a.bookedAt(), a.consultationId());
    }
}
