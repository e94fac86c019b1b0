package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.Inbox;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharmacy.orders}: every order event becomes a timeline step, once; a dispensed order
 * also marks its prescription dispensed, so that it can never be revoked or dispensed again.
 */
@ApplicationScoped
public class OrderEventsHandler {

    private final Inbox inbox;
    private final TimelineService timeline;

    public OrderEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Incoming("orders")
    public Uni<Void> on(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.orders", message, event -> event.type().name().equals("order.dispensed")
                ? timeline.dispensed(event) : timeline.record(event).replaceWithVoid());
    }
}
