package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;

/** What this aggregate publishes on {@code consultation.consultations} (schemas in contracts/). */
final class ConsultationEvents {

    static final String TOPIC = "consultation.consultations";
    static final CloudEventType COMPLETED = CloudEventType.of("consultation.completed");

    private ConsultationEvents() {
    }

    record ConsultationCompleted(UUID consultationId, UUID appointmentId, UUID patientId, UUID doctorId, List<String> diagnoses,
            Instant completedAt) {
    }
}
