package org.ihospital.pharmacy.review;

import java.time.Instant;
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
class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    Uni<Review> findByPrescription(UUID prescriptionId) {
        return find("prescriptionId", prescriptionId).firstResult();
    }

    /** The review locked until the transaction ends: two pharmacists deciding at once take turns, and the second sees the first's decision. */
    Uni<Review> lockByPrescription(UUID prescriptionId) {
        return RowLocks.lockIdThenLoad(this, "select r.id from Review r where r.prescriptionId = ?1", prescriptionId);
    }

    /**
     * One page of reviews in a status, oldest first, one more than asked to tell whether more follow. Pending
     * ones whose prescription has expired are left out: nothing can be dispensed on them any more.
     */
    Uni<List<Review>> oldestFirst(Review.Status status, Instant now, Cursor after, int limit) {
        String query = "status = :status"
                + (status == Review.Status.PENDING ? " and expiresAt > :now" : "")
                + (after == null ? "" : " and (receivedAt > :at or (receivedAt = :at and id > :id))");
        Parameters parameters = Parameters.with("status", status);
        if (status == Review.Status.PENDING) {
            parameters.and("now", now);
        }
        if (after != null) {
            parameters.and("at", after.at()).and("id", after.id());
        }
        return find(query, Sort.ascending("receivedAt", "id"), parameters).page(Page.ofSize(limit + 1)).list();
    }
}
