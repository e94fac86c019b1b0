package org.ihospital.insurance.claim;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.paging.Cursor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ClaimRepository implements PanacheRepositoryBase<Claim, UUID> {

    Uni<Claim> ofPrescription(UUID prescription) {
        return find("prescriptionId", prescription).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
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
