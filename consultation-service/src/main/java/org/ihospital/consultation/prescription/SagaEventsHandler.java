package org.ihospital.consultation.prescription;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;

import io.smallrye.mutiny.Uni;

/**
 * Follows the rest of the prescription saga for the timeline: reviews (pharmacy.reviews), orders
 * (pharmacy.orders) and claims (insurance.claims), each applied once through the inbox. A dispensed
 * order also marks the prescription dispensed, so it can never be revoked or dispensed again.
 */
@ApplicationScoped
public class SagaEventsHandler {

    private final Inbox inbox;
    private final TimelineRepository timeline;
    private final PrescriptionService prescriptions;

    public SagaEventsHandler(Inbox inbox, TimelineRepository timeline, PrescriptionService prescriptions) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.prescriptions = prescriptions;
    }

    @Incoming("reviews")
    public Uni<Void> onReview(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.reviews", message, timeline::recordReported);
    }

    @Incoming("claims")
    public Uni<Void> onClaim(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.claims", message, timeline::recordReported);
    }

    @Incoming("orders")
    public Uni<Void> onOrder(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.orders", message, this::applyOrder);
    }

    private Uni<Void> applyOrder(InboundEvent event) {
        Uni<Void> recorded = timeline.recordReported(event);
        if (!event.type().name().equals("order.dispensed")) {
            return recorded;
        }
        return recorded.chain(() -> {
            try {
                var id = java.util.UUID.fromString(new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.data())
                        .get("prescriptionId").asText());
                return prescriptions.dispensed(id);
            } catch (Exception e) {
                return Uni.createFrom().failure(new org.ihospital.commons.messaging.UnreadableEvent("order.dispensed without prescriptionId", e));
            }
        });
    }
}
