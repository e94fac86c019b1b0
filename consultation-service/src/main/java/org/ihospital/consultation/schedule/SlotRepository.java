package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Slots and their state changes. Every change is one conditional {@code UPDATE}: of two concurrent
 * requests for the same slot, the database lets exactly one see its condition true (the other waits
 * for the row lock, then re-reads the row and finds it taken). All run in the caller's transaction.
 */
@ApplicationScoped
class SlotRepository implements PanacheRepositoryBase<Slot, UUID> {

    /**
     * Books an open slot, or one held for this patient whose hold has not run out, and answers with
     * what the booking needs of it in the same statement (native: PostgreSQL's {@code UPDATE … RETURNING}).
     */
    Uni<Optional<TakenSlot>> take(UUID slotId, UUID patientId, Instant now) {
        return getSession().chain(s -> s.createNativeQuery("""
                update slot set status = 'BOOKED', held_for = null, held_until = null
                where id = ?1 and starts_at > ?3
                  and (status = 'OPEN' or (status = 'HELD' and held_for = ?2 and held_until > ?3))
                returning id, doctor_id, day, starts_at, ends_at""", s.getResultSetMapping(TakenSlot.class, Slot.TAKEN))
                .setParameter(1, slotId).setParameter(2, patientId).setParameter(3, now)
                .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /** Holds a slot just given up by its visit (still BOOKED by the visit cancelled or moved in this transaction). */
    Uni<Boolean> holdFreed(UUID slotId, UUID patientId, Instant until) {
        return changed(update("status = ?2, heldFor = ?3, heldUntil = ?4 where id = ?1 and status = ?5",
                slotId, Slot.Status.HELD, patientId, until, Slot.Status.BOOKED));
    }

    /** Passes a hold that ended (declined, expired, left) to the next waiting patient; only a slot still held for {@code from}. */
    Uni<Boolean> passHold(UUID slotId, UUID from, UUID to, Instant until) {
        return changed(update("status = ?2, heldFor = ?3, heldUntil = ?4 where id = ?1 and status = ?2 and heldFor = ?5",
                slotId, Slot.Status.HELD, to, until, from));
    }

    /** Opens a slot just given up by its visit to everyone. */
    Uni<Boolean> openFreed(UUID slotId) {
        return changed(update("status = ?2, heldFor = null, heldUntil = null where id = ?1 and status = ?3",
                slotId, Slot.Status.OPEN, Slot.Status.BOOKED));
    }

    /** Opens a slot whose hold for {@code from} ended to everyone; a slot booked or held for someone else since stays as it is. */
    Uni<Boolean> openHeld(UUID slotId, UUID from) {
        return changed(update("status = ?2, heldFor = null, heldUntil = null where id = ?1 and status = ?3 and heldFor = ?4",
                slotId, Slot.Status.OPEN, Slot.Status.HELD, from));
    }

    private static Uni<Boolean> changed(Uni<Integer> rows) {
        return rows.map(n -> n == 1);
    }

    /** Read as a projection: a day's search is up to a few hundred rows that nobody changes. */
    Uni<List<FreeSlot>> free(UUID doctorId, Instant from, Instant to, Instant now) {
        return find("doctorId = ?1 and status = ?2 and startsAt >= ?3 and startsAt < ?4 and startsAt > ?5",
                Sort.by("startsAt"), doctorId, Slot.Status.OPEN, from, to, now).project(FreeSlot.class).list();
    }

    Uni<Long> countFree(UUID doctorId, LocalDate day, Instant now) {
        return count("doctorId = ?1 and day = ?2 and status = ?3 and startsAt > ?4", doctorId, day, Slot.Status.OPEN, now);
    }
}
