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
        return RowLocks.lockThenLoad(this, "select id from claim where prescription_id = ?1 for update", prescription);
    }

    Uni<Claim> locked(UUID id) {
        return RowLocks.lockThenLoad(this, "select id from claim where id = ?1 for update", id);
    }


    /** The patient's claims of the last year that were not voided, each with its lines: what cost control compares a new claim with. */
    Uni<List<Claim>> recentOf(UUID patient, java.time.Instant since) {
        return list("patientId = ?1 and status <> ?2 and adjudicatedAt >= ?3", patient, Claim.Status.VOIDED, since);
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
    Uni<List<Claim>> ofAccount(String account, Cursor before, int limit) {
        String query = "patientAccount = :account" + (before == null ? "" : " and (adjudicatedAt < :at or (adjudicatedAt = :at and id < :id))");
        Parameters p = Parameters.with("account", account);
        if (before != null) {
            p.and("at", before.at()).and("id", before.id());
        }
        return find(query, Sort.descending("adjudicatedAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }
}
