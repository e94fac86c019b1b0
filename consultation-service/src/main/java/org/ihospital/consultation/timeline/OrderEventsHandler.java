package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharmacy.orders}: every order event becomes a timeline step, once; a dispensed order
 * also marks its prescription dispensed, so that it can never be revoked or dispensed again.
 */
@ApplicationScoped
public class OrderEventsHandler implements InboxConsumer {

    private final Inbox inbox;
    private final TimelineService timeline;

    public OrderEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Override
    public String name() {
        return "consultation.timeline.orders";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return event.type().name().equals("order.dispensed") ? timeline.dispensed(event) : timeline.record(event).replaceWithVoid();
    }

    @Incoming("orders")
    public Uni<Void> on(Message<String> message) {
        return inbox.consume(this, message);
    }
}
