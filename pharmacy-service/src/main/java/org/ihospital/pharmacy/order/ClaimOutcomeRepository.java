package org.ihospital.pharmacy.order;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ClaimOutcomeRepository implements PanacheRepositoryBase<ClaimOutcome, UUID> {

    Uni<ClaimOutcome> locked(UUID prescription) {
        return findById(prescription, LockModeType.PESSIMISTIC_WRITE);
    }
}
