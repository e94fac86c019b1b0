package org.ihospital.pharmacy.review;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.UnreadableEvent;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** Consumes {@code consultation.prescriptions}: issued prescriptions join the review queue. */
@ApplicationScoped
public class PrescriptionEventsHandler {

    private static final Logger LOG = Logger.getLogger(PrescriptionEventsHandler.class);

    private final Inbox inbox;
    private final ReviewService reviews;

    public PrescriptionEventsHandler(Inbox inbox, ReviewService reviews) {
        this.inbox = inbox;
        this.reviews = reviews;
    }

    @Incoming("prescriptions")
    public Uni<Void> onPrescriptionEvent(Message<String> message) {
        return inbox.consumeOnce("pharmacy.review-queue", message, this::apply);
    }

    private Uni<Void> apply(InboundEvent event) {
        UUID prescriptionId = prescriptionId(event);
        return switch (event.type().name()) {
            case "prescription.issued" -> reviews.enqueue(prescriptionId);
            case "prescription.revoked" -> reviews.withdraw(prescriptionId, "revoked by the doctor");
            case "prescription.expired" -> reviews.withdraw(prescriptionId, "expired before review");
            default -> {
                LOG.debugf("ignoring %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private static UUID prescriptionId(InboundEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEvent("prescription event " + event.id() + " has a subject that is not a prescription id");
        }
    }
}
