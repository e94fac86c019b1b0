package org.ihospital.pharmacy.prescription;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;
import org.ihospital.commons.messaging.UnreadableEvent;
import org.ihospital.pharmacy.order.OrderService;
import org.ihospital.pharmacy.review.PrescriptionIssued;
import org.ihospital.pharmacy.review.ReviewService;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code consultation.prescriptions}: issued prescriptions join the review queue once their
 * signature verifies; revoked or expired ones leave it, and their orders are cancelled (an unpaid one on
 * expiry; one not yet dispensed on revocation). A doctor's request to revoke is decided here (ADR 0019).
 */
@ApplicationScoped
public class PrescriptionEventsHandler implements InboxConsumer {

    private static final Logger LOG = Logger.getLogger(PrescriptionEventsHandler.class);

    private final Inbox inbox;
    private final ReviewService reviews;
    private final OrderService orders;
    private final ObjectMapper json;

    public PrescriptionEventsHandler(Inbox inbox, ReviewService reviews, OrderService orders, ObjectMapper json) {
        this.inbox = inbox;
        this.reviews = reviews;
        this.orders = orders;
        this.json = json;
    }

    @Incoming("prescriptions")
    public Uni<Void> onPrescriptionEvent(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Override
    public String name() {
        return "pharmacy.review-queue";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return switch (event.type().name()) {
            case "prescription.issued" -> reviews.receive(event.dataAs(json, PrescriptionIssued.class));
            case "prescription.revocation-requested" -> {
                UUID id = prescriptionId(event);
                yield reviews.withdraw(id, "revoked by the doctor").chain(() -> orders.revocationRequested(id));
            }
            case "prescription.revoked" -> {
                UUID id = prescriptionId(event);
                yield reviews.withdraw(id, "revoked by the doctor").chain(() -> orders.prescriptionRevoked(id));
            }
            case "prescription.expired" -> {
                UUID id = prescriptionId(event);
                yield reviews.withdraw(id, "expired before review").chain(() -> orders.prescriptionExpired(id));
            }
            default -> {
                LOG.debugf("ignoring %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }

    /** Every saga event carries the prescription id (contracts/); this consumer needs nothing else yet. */
    record PrescriptionEvent(UUID prescriptionId) {
    }

    private UUID prescriptionId(InboundEvent event) {
        UUID id = event.dataAs(json, PrescriptionEvent.class).prescriptionId();
        if (id == null) {
            throw new UnreadableEvent("prescription event " + event.id() + " (" + event.type() + ") has no prescriptionId");
        }
        return id;
    }
}
