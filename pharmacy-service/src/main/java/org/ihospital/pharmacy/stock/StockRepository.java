package org.ihospital.pharmacy.stock;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class StockRepository implements PanacheRepositoryBase<StockLevel, StockLevel.Key> {

    /** The partner's levels of these drugs, locked in drug-code order (two orders reserving at once never deadlock). */
    Uni<List<StockLevel>> lockedOf(UUID partner, List<String> drugCodes) {
        return find("key.partnerId = ?1 and key.drugCode in ?2", Sort.ascending("key.drugCode"), partner, drugCodes)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** All the partner's levels, locked in drug-code order: a report never overwrites a reservation made meanwhile. */
    Uni<List<StockLevel>> lockedOf(UUID partner) {
        return find("key.partnerId", Sort.ascending("key.drugCode"), partner).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    Uni<List<StockLevel>> of(UUID partner) {
        return find("key.partnerId", Sort.ascending("key.drugCode"), partner).list();
    }
}
