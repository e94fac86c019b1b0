package org.ihospital.pharmacy.stock;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class StockRepository implements PanacheRepositoryBase<StockLevel, StockLevel.Key> {

    Uni<List<StockLevel>> of(UUID partner) {
        return find("key.partnerId", Sort.ascending("key.drugCode"), partner).list();
    }
}
