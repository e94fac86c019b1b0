package org.ihospital.pharmacy.review;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    Uni<Review> findByPrescription(UUID prescriptionId) {
        return find("prescriptionId", prescriptionId).firstResult();
    }
}
