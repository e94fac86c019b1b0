package org.ihospital.insurance.claim;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;
import org.ihospital.commons.messaging.UnreadableEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Consumes {@code pharmacy.reviews}: an approved prescription is adjudicated, once. */
@ApplicationScoped
public class ReviewEventsHandler implements InboxConsumer {

    record Item(int line, String drugCode, String atc, int quantity) {
    }

    record Reviewed(UUID prescriptionId, UUID patientId, String patientAccount, Boolean approved, Instant reviewedAt, List<Item> items) {
    }

    private final Inbox inbox;
    private final ClaimService claims;
    private final ObjectMapper json;

    public ReviewEventsHandler(Inbox inbox, ClaimService claims, ObjectMapper json) {
        this.inbox = inbox;
        this.claims = claims;
        this.json = json;
    }

    @Incoming("reviews")
    public Uni<Void> on(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Override
    public String name() {
        return "insurance.claims.reviews";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        if (!event.type().name().equals("prescription.reviewed")) {
            return Uni.createFrom().voidItem();
        }
        Reviewed r = event.dataAs(json, Reviewed.class);
        if (r.prescriptionId() == null || r.patientId() == null || r.approved() == null || r.reviewedAt() == null || r.items() == null
                || r.items().isEmpty() || r.items().stream().anyMatch(i -> i.drugCode() == null || i.quantity() < 1)) {
            throw new UnreadableEvent("review " + event.id() + " lacks the prescription, patient, decision, time or items a claim needs");
        }
        if (!r.approved()) {
            return Uni.createFrom().voidItem();
        }
        return claims.adjudicate(new ClaimService.Approved(r.prescriptionId(), r.patientId(), r.patientAccount(), r.reviewedAt(),
                r.items().stream().map(i -> new ClaimService.Item(i.line(), i.drugCode(), i.atc(), i.quantity())).toList()));
    }
}
