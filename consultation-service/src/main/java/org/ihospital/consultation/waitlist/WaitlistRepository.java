package org.ihospital.consultation.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.persistence.RowLocks;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class WaitlistRepository implements PanacheRepositoryBase<WaitlistEntry, UUID> {

    /** The first patient waiting for a doctor's day, locked: two freed slots are never offered to the same patient. */
    Uni<WaitlistEntry> firstWaiting(UUID doctorId, LocalDate day) {
        return find("doctorId = ?1 and day = ?2 and status = ?3", Sort.by("joinedAt").and("id"), doctorId, day,
                WaitlistEntry.Status.WAITING).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The patient's open offer of this slot, if any, locked. */
    Uni<WaitlistEntry> offerOf(UUID patientId, UUID slotId) {
        return find("patientId = ?1 and offeredSlotId = ?2 and status = ?3", patientId, slotId, WaitlistEntry.Status.OFFERED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    Uni<List<WaitlistEntry>> live(UUID patientId) {
        return list("patientId = ?1 and status in ?2", Sort.by("joinedAt").and("id"), patientId,
                List.of(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED));
    }

    /** Offers whose hold ran out, locked; those another replica is sweeping are skipped (commons RowLocks). */
    Uni<List<UUID>> expiredOffers(Instant now, int limit) {
        return RowLocks.lockFreeIds("select w.id from WaitlistEntry w where w.status = ?1 and w.offerExpiresAt <= ?2 order by w.offerExpiresAt",
                limit, WaitlistEntry.Status.OFFERED, now);
    }
}
