package org.ihospital.pharmacy.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.PendingEvent;

/** What reviews publish on {@code pharmacy.reviews} (schema in contracts/). */
final class ReviewEvents {

    static final String TOPIC = "pharmacy.reviews";
    static final CloudEventType REVIEWED = CloudEventType.of("prescription.reviewed");

    private ReviewEvents() {
    }

    record Item(int line, String drugCode, String atc, int quantity) {
    }

    record OverriddenFinding(String kind, String severity, List<Integer> lines) {
    }

    /** The decision, with what insurance prices and what an order dispenses: the patient, the region and the items as signed. */
    record PrescriptionReviewed(UUID prescriptionId, UUID reviewId, UUID patientId, String patientAccount, boolean approved, String reason, Instant reviewedAt,
            String pharmacistId, String region, List<Item> items, List<OverriddenFinding> overriddenFindings) {
    }

    static PendingEvent reviewed(Review r) {
        boolean approved = r.status() == Review.Status.APPROVED;
        return new PendingEvent(TOPIC, REVIEWED, r.prescriptionId().toString(), new PrescriptionReviewed(r.prescriptionId(), r.id(),
                r.patientId(), r.patientAccount(), approved, r.decisionReason(), r.decidedAt(), r.decidedBy(), r.region(),
                r.items().stream().map(i -> new Item(i.line(), i.drugCode(), i.atc(), i.quantity())).toList(),
                approved ? r.findings().stream().map(f -> new OverriddenFinding(f.kind().name(), f.severity().name(), f.lineNumbers())).toList()
                        : List.of()));
    }
}
