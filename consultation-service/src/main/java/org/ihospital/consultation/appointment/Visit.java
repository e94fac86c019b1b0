package org.ihospital.consultation.appointment;

import java.time.Instant;
import java.util.UUID;

import org.ihospital.consultation.schedule.TakenSlot;

/** Where and when a visit takes place: a doctor's slot. */
record Visit(UUID slotId, UUID doctorId, Instant startsAt, Instant endsAt) {

    static Visit in(TakenSlot slot) {
        return new Visit(slot.id(), slot.doctorId(), slot.startsAt(), slot.endsAt());
    }
}
