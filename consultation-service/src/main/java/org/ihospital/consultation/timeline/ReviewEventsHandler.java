package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharmacy.reviews}: pharmacists' reviews and pharmacy's answers to revocations become
 * timeline steps, once each; a confirmed revocation revokes the prescription, a refused one lets it stand.
 */
@ApplicationScoped
public class ReviewEventsHandler implements InboxConsumer {

    private final Inbox inbox;
    private final TimelineService timeline;

    public ReviewEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Override
    public String name() {
        return "consultation.timeline.reviews";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return switch (event.type().name()) {
            case "revocation.confirmed" -> timeline.revocationConfirmed(event);
            case "revocation.refused" -> timeline.revocationRefused(event);
            default -> timeline.record(event).replaceWithVoid();
        };
    }

    @Incoming("reviews")
    public Uni<Void> on(Message<String> message) {
        return inbox.consume(this, message);
    }
}
