package org.ihospital.pharmacy.payment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class SandboxPaymentRepository implements PanacheRepositoryBase<SandboxPayment, String> {

    Uni<SandboxPayment> ofOrder(UUID order) {
        return find("orderId", order).firstResult();
    }
}
