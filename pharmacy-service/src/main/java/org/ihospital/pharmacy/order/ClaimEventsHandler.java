package org.ihospital.pharmacy.order;

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

/** Consumes {@code insurance.claims}: what the patient pays for a prescription, and whether a hold blocks it. */
@ApplicationScoped
public class ClaimEventsHandler implements InboxConsumer {

    /** The fields of the claim events an order needs. */
    record ClaimEvent(UUID claimId, UUID prescriptionId, Long patientPays, Boolean hold, String reason) {
    }

    private final Inbox inbox;
    private final OrderService orders;
    private final ObjectMapper json;

    public ClaimEventsHandler(Inbox inbox, OrderService orders, ObjectMapper json) {
        this.inbox = inbox;
        this.orders = orders;
        this.json = json;
    }

    @Incoming("claims")
    public Uni<Void> onClaimEvent(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Override
    public String name() {
        return "pharmacy.orders.claims";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        ClaimEvent claim = event.dataAs(json, ClaimEvent.class);
        if (claim.prescriptionId() == null || claim.claimId() == null) {
            throw new UnreadableEvent("claim event " + event.id() + " (" + event.type() + ") has no prescriptionId or claimId");
        }
        return switch (event.type().name()) {
            case "claim.adjudicated" -> orders.claimDecided(claim.prescriptionId(), claim.claimId(),
                    Boolean.TRUE.equals(claim.hold()) ? ClaimOutcome.Status.HELD : ClaimOutcome.Status.ADJUDICATED, required(event, claim), null);
            case "claim.rejected" -> orders.claimDecided(claim.prescriptionId(), claim.claimId(),
                    claim.patientPays() == null ? ClaimOutcome.Status.UNPRICEABLE : ClaimOutcome.Status.REJECTED, claim.patientPays(), claim.reason());
            case "claim.released" -> orders.claimReleased(claim.prescriptionId(), claim.claimId());
            case "claim.voided" -> orders.claimDecided(claim.prescriptionId(), claim.claimId(), ClaimOutcome.Status.VOIDED, null, claim.reason());
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Long required(InboundEvent event, ClaimEvent claim) {
        if (claim.patientPays() == null) {
            throw new UnreadableEvent("claim event " + event.id() + " (" + event.type() + ") has no patientPays");
        }
        return claim.patientPays();
    }
}
