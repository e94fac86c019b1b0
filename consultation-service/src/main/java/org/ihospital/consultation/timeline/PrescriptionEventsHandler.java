package org.ihospital.consultation.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;

import io.smallrye.mutiny.Uni;

/** Consumes {@code consultation.prescriptions}: its own prescriptions (issued, revoked, expired) become timeline steps, once each. */
@ApplicationScoped
public class PrescriptionEventsHandler implements InboxConsumer {

    private final Inbox inbox;
    private final TimelineService timeline;

    public PrescriptionEventsHandler(Inbox inbox, TimelineService timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Override
    public String name() {
        return "consultation.timeline.prescriptions";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return timeline.record(event).replaceWithVoid();
    }

    @Incoming("prescriptions")
    public Uni<Void> on(Message<String> message) {
        return inbox.consume(this, message);
    }
}
