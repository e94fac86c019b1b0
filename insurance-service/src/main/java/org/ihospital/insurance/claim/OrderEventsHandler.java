package org.ihospital.insurance.claim;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;
import org.ihospital.commons.messaging.UnreadableEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharmacy.orders} and {@code consultation.prescriptions}: a delivered order settles its
 * claim; a cancelled or unroutable order, a revoked prescription voids it, and so does an expired one
 * unless its order was paid (pharmacy delivers a paid order; the order's events end the claim).
 */
@ApplicationScoped
public class OrderEventsHandler implements InboxConsumer {

    record Saga(UUID prescriptionId) {
    }

    private final Inbox inbox;
    private final ClaimService claims;
    private final ObjectMapper json;

    public OrderEventsHandler(Inbox inbox, ClaimService claims, ObjectMapper json) {
        this.inbox = inbox;
        this.claims = claims;
        this.json = json;
    }

    @Incoming("orders")
    public Uni<Void> onOrder(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Incoming("prescriptions")
    public Uni<Void> onPrescription(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Override
    public String name() {
        return "insurance.claims.saga";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return switch (event.type().name()) {
            case "order.paid" -> claims.orderPaid(prescription(event));
            case "order.delivered" -> claims.settle(prescription(event));
            case "order.cancelled" -> claims.voidFor(prescription(event), "the order was cancelled");
            case "order.unroutable" -> claims.voidFor(prescription(event), "no pharmacy could deliver it");
            case "prescription.revoked" -> claims.voidFor(prescription(event), "the prescription was revoked");
            case "prescription.expired" -> claims.expired(prescription(event));
            default -> Uni.createFrom().voidItem();
        };
    }

    private UUID prescription(InboundEvent event) {
        UUID id = event.dataAs(json, Saga.class).prescriptionId();
        if (id == null) {
            throw new UnreadableEvent("event " + event.id() + " (" + event.type() + ") has no prescriptionId");
        }
        return id;
    }
}
