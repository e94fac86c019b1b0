package org.ihospital.consultation.appointment;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What becomes of a slot when a visit gives it up or takes it. Appointments own this interface and the
 * waitlist implements it, so that appointments need not know the waitlist (no cycle: the waitlist
 * books through appointments). Both run in the caller's transaction.
 */
public interface SlotHandover {

    /** A visit gave up its slot (cancelled, or moved away) in this transaction: offer it to whoever waits, or open it. */
    Uni<Void> released(UUID slotId);

    /** A patient booked a slot in this transaction: if it was held for them, their waitlist place is served. */
    Uni<Void> booked(UUID slotId, UUID patientId, UUID appointmentId);
}
