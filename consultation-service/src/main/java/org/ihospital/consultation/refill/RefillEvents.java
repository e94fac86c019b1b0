package org.ihospital.consultation.refill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;

/** What consultation-service tells the others of refills (contracts/events/refill.due.v1.json). */
final class RefillEvents {

    static final String TOPIC = "consultation.care";
    static final CloudEventType DUE = CloudEventType.of("refill.due");

    record SuggestedSlot(UUID slotId, Instant startsAt) {
    }

    record RefillDue(UUID prescriptionId, UUID patientId, UUID doctorId, LocalDate runsOutOn, Instant remindedAt, SuggestedSlot suggestedSlot) {
    }

    private RefillEvents() {
    }

    static RefillDue due(Refill r) {
        return new RefillDue(r.prescriptionId(), r.patientId(), r.doctorId(), r.runsOutOn(), r.remindedAt(),
                r.suggestedSlotId() == null ? null : new SuggestedSlot(r.suggestedSlotId(), r.suggestedSlotAt()));
    }
}
