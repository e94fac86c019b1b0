package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.Inbox;

import io.smallrye.mutiny.Uni;

/** Consumes {@code insurance.claims}: insurance claims become timeline steps, once each. */
@ApplicationScoped
public class ClaimEventsHandler {

    private final Inbox inbox;
    private final TimelineService timeline;

    public ClaimEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Incoming("claims")
    public Uni<Void> on(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.claims", message, event -> timeline.record(event).replaceWithVoid());
    }
}
