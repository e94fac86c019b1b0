package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.signing.AttestedKey;

/** What this aggregate publishes on {@code consultation.prescriptions} (schemas in contracts/). */
public final class PrescriptionEvents {

    static final String TOPIC = "consultation.prescriptions";
    static final CloudEventType ISSUED = CloudEventType.of("prescription.issued");
    static final CloudEventType REVOKED = CloudEventType.of("prescription.revoked");
    static final CloudEventType EXPIRED = CloudEventType.of("prescription.expired");
    static final CloudEventType REVOCATION_REQUESTED = CloudEventType.of("prescription.revocation-requested");

    private PrescriptionEvents() {
    }

    record Dose(String amount, String frequency, int days) {
    }

    record Item(int line, String drugCode, String genericName, String atc, String form, String strength, String strengthUnit,
            int quantity, Dose dose) {
    }

    /** An active allergy of the patient, as the pharmacist's review needs it. */
    public record Allergy(String substance, String severity) {
    }

    /**
     * Everything pharmacy (review, routing) and insurance (pricing, cost control) need, and nothing more;
     * with the signed content, the signature and the attested key, so that pharmacy verifies the
     * prescription on its own before a pharmacist sees it.
     */
    record PrescriptionIssued(UUID prescriptionId, UUID consultationId, UUID patientId, String patientAccount, UUID doctorId, Instant issuedAt,
            Instant expiresAt, List<String> diagnoses, String region, List<Allergy> allergies, List<Item> items, String signedContent,
            String signature, AttestedKey signingKey) {
    }

    record PrescriptionRevoked(UUID prescriptionId, UUID patientId, String reason, Instant revokedAt) {
    }

    record RevocationRequested(UUID prescriptionId, UUID patientId, String reason, Instant requestedAt) {
    }

    record PrescriptionExpired(UUID prescriptionId, UUID patientId, Instant expiredAt) {
    }

    static PendingEvent issued(Prescription p, Prescription.Patient patient, byte[] signedContent, AttestedKey key) {
        return new PendingEvent(TOPIC, ISSUED, p.id().toString(), new PrescriptionIssued(p.id(), p.consultationId(), p.patientId(),
                patient.account(), p.doctorId(), p.issuedAt(), p.expiresAt(), p.diagnoses(), patient.region(), List.copyOf(patient.allergies()),
                p.items().stream().map(i -> new Item(i.line(), i.drugCode(), i.genericName(), i.atc(), i.form(),
                        Prescription.plain(i.strength()), i.strengthUnit(), i.quantity(), new Dose(Prescription.plain(i.dosage().amount()),
                                i.dosage().frequency().name(), i.dosage().days()))).toList(),
                Base64.getEncoder().encodeToString(signedContent), p.signature().value(), key));
    }

    static PendingEvent revoked(Prescription p, String reason, Instant at) {
        return new PendingEvent(TOPIC, REVOKED, p.id().toString(), new PrescriptionRevoked(p.id(), p.patientId(), reason, at));
    }

    static PendingEvent revocationRequested(Prescription p, String reason, Instant at) {
        return new PendingEvent(TOPIC, REVOCATION_REQUESTED, p.id().toString(), new RevocationRequested(p.id(), p.patientId(), reason, at));
    }

    static PendingEvent expired(Prescription p, Instant at) {
        return new PendingEvent(TOPIC, EXPIRED, p.id().toString(), new PrescriptionExpired(p.id(), p.patientId(), at));
    }
}
