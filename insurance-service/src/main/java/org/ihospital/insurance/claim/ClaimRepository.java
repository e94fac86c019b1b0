package org.ihospital.insurance.claim;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;

import org.ihospital.commons.persistence.RowLocks;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ClaimRepository implements PanacheRepositoryBase<Claim, UUID> {

    /** The prescription's claim, locked and read under the lock (commons RowLocks). */
    Uni<Claim> ofPrescription(UUID prescription) {
        return RowLocks.lockIdThenLoad(this, "select c.id from Claim c where c.prescriptionId = ?1", prescription);
    }

    Uni<Claim> locked(UUID id) {
        return RowLocks.lockIdThenLoad(this, "select c.id from Claim c where c.id = ?1", id);
    }


    /**
     * The lines of the patient's claims since {@code since} that were not voided: what cost control compares
     * a new claim with (active: adjudicated, neither settled nor voided). One query, whatever the count.
     */
    Uni<List<CostControl.Earlier>> earlierLinesOf(UUID patient, java.time.Instant since) {
        return getSession().chain(session -> session.createSelectionQuery("select l.drugCode, l.atc, c.adjudicatedAt, c.status "
                + "from Claim c join c.lines l where c.patientId = :patient and c.status <> :voided and c.adjudicatedAt >= :since", Object[].class)
                .setParameter("patient", patient).setParameter("voided", Claim.Status.VOIDED).setParameter("since", since)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new CostControl.Earlier((String) r[0], (String) r[1], (java.time.Instant) r[2],
                        r[3] == Claim.Status.ADJUDICATED)).toList());
    }

    /** One page of claims with an open flag, the oldest first, one more than asked. */
    Uni<List<Claim>> flagged(Cursor after, int limit) {
        String query = "id in (select f.claimId from ClaimFlag f where f.resolvedAt is null)"
                + (after == null ? "" : " and (adjudicatedAt > :at or (adjudicatedAt = :at and id > :id))");
        Parameters p = new Parameters();
        if (after != null) {
            p.and("at", after.at()).and("id", after.id());
        }
        return find(query, Sort.ascending("adjudicatedAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }

    /** One page of an account's claims, the newest first, one more than asked. */
    /** A patient's claims, all of them or only those of one account ({@code account} not null), newest first, at most {@code limit}. */
    Uni<List<Claim>> ofPatient(UUID patient, String account, int limit) {
        Sort order = Sort.descending("adjudicatedAt", "id");
        var found = account == null ? find("patientId = ?1", order, patient) : find("patientId = ?1 and patientAccount = ?2", order, patient, account);
        return found.page(Page.ofSize(limit)).list();
    }

    Uni<List<Claim>> ofAccount(String account, Cursor before, int limit) {
        String query = "patientAccount = :account" + (before == null ? "" : " and (adjudicatedAt < :at or (adjudicatedAt = :at and id < :id))");
        Parameters p = Parameters.with("account", account);
        if (before != null) {
            p.and("at", before.at()).and("id", before.id());
        }
        return find(query, Sort.descending("adjudicatedAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }
}
