package org.ihospital.insurance.claim;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.PendingEvent;

/** What claims publish on {@code insurance.claims} (schemas in contracts/), keyed by the claim. */
final class ClaimEvents {

    static final String TOPIC = "insurance.claims";
    static final CloudEventType ADJUDICATED = CloudEventType.of("claim.adjudicated");
    static final CloudEventType REJECTED = CloudEventType.of("claim.rejected");
    static final CloudEventType SETTLED = CloudEventType.of("claim.settled");
    static final CloudEventType VOIDED = CloudEventType.of("claim.voided");
    static final CloudEventType RELEASED = CloudEventType.of("claim.released");

    private ClaimEvents() {
    }

    record Line(int line, String drugCode, int quantity, Long unitPrice, String catalogueClass, long amount, long insurerPays, long patientPays) {
    }

    record ClaimAdjudicated(UUID claimId, UUID prescriptionId, UUID patientId, Instant adjudicatedAt, long total, long insurerPays,
            long patientPays, boolean hold, List<Line> lines) {
    }

    record ClaimRejected(UUID claimId, UUID prescriptionId, UUID patientId, Instant rejectedAt, String reason, Long patientPays) {
    }

    record ClaimSettled(UUID claimId, UUID prescriptionId, UUID patientId, Instant settledAt, long insurerPays, long patientPays) {
    }

    record ClaimReleased(UUID claimId, UUID prescriptionId, UUID patientId, Instant releasedAt, String reason) {
    }

    record ClaimVoided(UUID claimId, UUID prescriptionId, UUID patientId, Instant voidedAt, String reason) {
    }

    static PendingEvent adjudicated(Claim c, Instant at) {
        return new PendingEvent(TOPIC, ADJUDICATED, c.id().toString(), new ClaimAdjudicated(c.id(), c.prescriptionId(), c.patientId(), at, c.total(),
                c.insurerPays(), c.patientPays(), c.held(), c.lines().stream().map(l -> new Line(l.line(), l.drugCode(), l.quantity(), l.unitPrice(),
                        l.catalogueClass().name(), l.amount(), l.basicPays() + l.supplementaryPays(), l.patientPays())).toList()));
    }

    static PendingEvent rejected(Claim c, Instant at) {
        return new PendingEvent(TOPIC, REJECTED, c.id().toString(),
                new ClaimRejected(c.id(), c.prescriptionId(), c.patientId(), at, c.reason(), c.patientPays()));
    }

    static PendingEvent settled(Claim c, Instant at) {
        return new PendingEvent(TOPIC, SETTLED, c.id().toString(), new ClaimSettled(c.id(), c.prescriptionId(), c.patientId(), at, c.insurerPays(),
                c.patientPays() == null ? 0 : c.patientPays()));
    }

    static PendingEvent released(Claim c, Instant at) {
        return new PendingEvent(TOPIC, RELEASED, c.id().toString(), new ClaimReleased(c.id(), c.prescriptionId(), c.patientId(), at,
                "an auditor resolved every holding flag"));
    }

    static PendingEvent voided(Claim c, String reason, Instant at) {
        return new PendingEvent(TOPIC, VOIDED, c.id().toString(), new ClaimVoided(c.id(), c.prescriptionId(), c.patientId(), at, reason));
    }
}
