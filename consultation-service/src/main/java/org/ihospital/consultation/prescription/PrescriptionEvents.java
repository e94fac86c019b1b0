package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;

/** What this aggregate publishes on {@code consultation.prescriptions} (schemas in contracts/). */
final class PrescriptionEvents {

    static final String TOPIC = "consultation.prescriptions";
    static final CloudEventType ISSUED = CloudEventType.of("prescription.issued");
    static final CloudEventType REVOKED = CloudEventType.of("prescription.revoked");
    static final CloudEventType EXPIRED = CloudEventType.of("prescription.expired");

    private PrescriptionEvents() {
    }

    record Dose(String amount, String frequency, int days) {
    }

    record Item(int line, String drugCode, String genericName, String atc, String form, String strength, String strengthUnit,
            int quantity, Dose dose) {
    }

    record Allergy(String substance, String severity) {
    }

    /** Everything pharmacy (review, routing) and insurance (pricing, cost control) need, and nothing more. */
    record PrescriptionIssued(UUID prescriptionId, UUID consultationId, UUID patientId, UUID doctorId, Instant issuedAt,
            Instant expiresAt, List<String> diagnoses, String region, List<Allergy> allergies, List<Item> items) {
    }

    record PrescriptionRevoked(UUID prescriptionId, UUID patientId, String reason, Instant revokedAt) {
    }

    record PrescriptionExpired(UUID prescriptionId, UUID patientId, Instant expiredAt) {
    }
}
