package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.NativeQueries;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * SlotRepository and their state changes. Every change is one conditional {@code UPDATE}: of two concurrent
 * requests for the same slot, the database lets exactly one see its condition true (the other waits
 * for the row lock, then re-reads the row and finds it taken). All run in the caller's transaction.
 */
@ApplicationScoped
public class SlotRepository implements PanacheRepositoryBase<Slot, UUID> {

    /** Books an open slot, or one held for this patient whose hold has not run out. */
    public Uni<Boolean> book(UUID slotId, UUID patientId) {
        return changed(BOOK, slotId, patientId);
    }

    /** What a booking needs to know of the slot it just took. */
    public record Taken(UUID doctorId, Instant startsAt, Instant endsAt) {
    }

    /** {@link #book}, answering with the slot's doctor and times in the same statement; empty when not booked. */
    public Uni<java.util.Optional<Taken>> take(UUID slotId, UUID patientId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(BOOK + " returning doctor_id, starts_at, ends_at", Object[].class)
                .setParameter(1, slotId).setParameter(2, patientId).getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Taken((UUID) r[0],
                        org.ihospital.consultation.infrastructure.SqlValues.instant(r[1]),
                        org.ihospital.consultation.infrastructure.SqlValues.instant(r[2]))));
    }

    private static final String BOOK = """
            update slot set status = 'BOOKED', held_for = null, held_until = null
            where id = ?1 and starts_at > now()
              and (status = 'OPEN' or (status = 'HELD' and held_for = ?2 and held_until > now()))""";

    /** Holds a slot that was just freed (still BOOKED by the cancelled appointment) for a waitlisted patient. */
    public Uni<Boolean> hold(UUID slotId, UUID patientId, Instant until) {
        return changed("""
                update slot set status = 'HELD', held_for = ?2, held_until = ?3
                where id = ?1 and status in ('BOOKED', 'HELD')""", slotId, patientId, until);
    }

    /** Opens a slot to everyone again. */
    public Uni<Boolean> open(UUID slotId) {
        return changed("update slot set status = 'OPEN', held_for = null, held_until = null where id = ?1", slotId);
    }

    Uni<List<Slot>> free(UUID doctorId, Instant from, Instant to) {
        return find("doctorId = ?1 and status = ?2 and startsAt >= ?3 and startsAt < ?4 and startsAt > ?5",
                Sort.by("startsAt"), doctorId, Slot.Status.OPEN, from, to, Instant.now()).list();
    }

    private static Uni<Boolean> changed(String sql, Object... params) {
        return Panache.getSession().chain(s -> NativeQueries.bind(s.createNativeQuery(sql), params).executeUpdate())
                .map(rows -> rows == 1);
    }
}
