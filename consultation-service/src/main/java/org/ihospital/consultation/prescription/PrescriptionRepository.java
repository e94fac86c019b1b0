package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.persistence.RowLocks;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PrescriptionRepository implements PanacheRepositoryBase<Prescription, UUID> {

    /** One page of a patient's prescriptions or a doctor's, newest first, one more than asked to tell whether more follow. */
    Uni<List<Prescription>> newestFirst(String party, UUID owner, Cursor before, int limit) {
        String query = party + " = ?1" + (before == null ? "" : " and (issuedAt < ?2 or (issuedAt = ?2 and id < ?3))");
        Sort order = Sort.descending("issuedAt", "id");
        var found = before == null ? find(query, order, owner) : find(query, order, owner, before.at(), before.id());
        return found.page(Page.ofSize(limit + 1)).list();
    }

    /** Issued prescriptions past their validity, locked; those another replica is expiring are skipped (commons RowLocks). */
    Uni<List<UUID>> due(Instant now, int limit) {
        return RowLocks.lockFreeIds("select p.id from Prescription p where p.status = ?1 and p.expiresAt <= ?2 order by p.expiresAt", limit,
                Prescription.Status.ISSUED, now);
    }

    /** The renewal of a prescription that is still live (not expired or revoked), or null. */
    Uni<UUID> liveRenewalOf(UUID prescription) {
        return getSession().chain(s -> s.createSelectionQuery("select id from Prescription where renewalOf = ?1 and status not in (?2, ?3)", UUID.class)
                .setParameter(1, prescription).setParameter(2, Prescription.Status.EXPIRED).setParameter(3, Prescription.Status.REVOKED)
                .setMaxResults(1).getSingleResultOrNull());
    }

    /** A patient's, all of them or only one doctor's ({@code doctor} not null), newest first, at most {@code limit}. */
    Uni<List<Prescription>> ofPatient(UUID patient, UUID doctor, int limit) {
        Sort order = Sort.descending("issuedAt", "id");
        var found = doctor == null ? find("patientId = ?1", order, patient) : find("patientId = ?1 and doctorId = ?2", order, patient, doctor);
        return found.page(Page.ofSize(limit)).list();
    }
}
