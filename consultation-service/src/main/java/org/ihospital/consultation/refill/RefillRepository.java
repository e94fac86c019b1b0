package org.ihospital.consultation.refill;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.RowLocks;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of refills. Runs in the caller's session. */
@ApplicationScoped
class RefillRepository {

    /** Follows the supply unless it is followed already (an order.dispensed told twice). */
    Uni<Void> trackOnce(Refill r) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into refill (prescription_id, patient_id, doctor_id, dispensed_at, runs_out_on, remind_on, status)
                values (?1, ?2, ?3, ?4, ?5, ?6, 'TRACKING') on conflict (prescription_id) do nothing""")
                .setParameter(1, r.prescriptionId()).setParameter(2, r.patientId()).setParameter(3, r.doctorId())
                .setParameter(4, r.dispensedAt()).setParameter(5, r.runsOutOn()).setParameter(6, r.remindOn())
                .executeUpdate()).replaceWithVoid();
    }

    /** Refills whose reminder is due by {@code today}, earliest first (not locked: each is locked by the transaction that sends it). */
    Uni<List<UUID>> dueIds(LocalDate today, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select r.prescriptionId from Refill r where r.status = ?1 and r.remindOn <= ?2 order by r.remindOn", UUID.class)
                .setParameter(1, Refill.Status.TRACKING).setParameter(2, today).setMaxResults(limit).getResultList());
    }

    /**
     * The refill, locked, if its reminder is still due; null when it was sent or renewed meanwhile, or another
     * replica's sweep holds it (commons RowLocks: skip locked).
     */
    Uni<Refill> lockIfDue(UUID prescription, LocalDate today) {
        return RowLocks.lockFreeIds("select r.prescriptionId from Refill r where r.prescriptionId = ?1 and r.status = ?2 and r.remindOn <= ?3",
                1, prescription, Refill.Status.TRACKING, today)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<Refill> nullItem() : Panache.getSession().chain(s -> s.find(Refill.class, prescription)));
    }

    /** The renewed prescription's refill is done, whatever its state. */
    Uni<Void> renewed(UUID previous, UUID renewal) {
        return Panache.getSession().chain(s -> s.createMutationQuery(
                "update Refill set status = ?1, renewedBy = ?2 where prescriptionId = ?3 and status <> ?1")
                .setParameter(1, Refill.Status.RENEWED).setParameter(2, renewal).setParameter(3, previous).executeUpdate())
                .replaceWithVoid();
    }

    /** The refill a lapsed renewal had ended is followed again (and reminded again when its day has come). */
    Uni<Void> reopen(UUID renewal) {
        return Panache.getSession().chain(s -> s.createMutationQuery(
                "update Refill set status = ?1, renewedBy = null where renewedBy = ?2 and status = ?3")
                .setParameter(1, Refill.Status.TRACKING).setParameter(2, renewal).setParameter(3, Refill.Status.RENEWED).executeUpdate())
                .replaceWithVoid();
    }

    /** The patient's refills, soonest to run out first. */
    Uni<List<Refill>> ofPatient(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Refill where patientId = ?1 order by runsOutOn, prescriptionId",
                Refill.class).setParameter(1, patient).getResultList());
    }
}
