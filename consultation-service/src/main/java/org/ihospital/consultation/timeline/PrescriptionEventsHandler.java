package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.Inbox;

import io.smallrye.mutiny.Uni;

/** Consumes {@code consultation.prescriptions}: its own prescriptions (issued, revoked, expired) become timeline steps, once each. */
@ApplicationScoped
public class PrescriptionEventsHandler {

    private final Inbox inbox;
    private final TimelineService timeline;

    public PrescriptionEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Incoming("prescriptions")
    public Uni<Void> on(Message<String> message) {
        return inbox.consumeOnce("consultation.timeline.prescriptions", message, event -> timeline.record(event).replaceWithVoid());
    }
}
