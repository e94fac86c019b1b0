package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.Inbox;

import io.smallrye.mutiny.Uni;

/** Consumes {@code pharmacy.reviews}: pharmacists' reviews become timeline steps, once each. */
@ApplicationScoped
public class ReviewEventsHandler {

    private final Inbox inbox;
    private final TimelineService timeline;

    public ReviewEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Incoming("reviews")
    public Uni<Void> on(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.reviews", message, event -> timeline.record(event).replaceWithVoid());
    }
}
