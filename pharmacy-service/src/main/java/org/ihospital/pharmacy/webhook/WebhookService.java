package org.ihospital.pharmacy.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.pharmacy.partner.PartnerQueries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The outbound webhook queue: other packages enqueue in their own transaction (so a webhook is sent if and
 * only if the change it reports committed); operators list failures and replay them.
 */
@ApplicationScoped
public class WebhookService {

    /** A delivery as operators see it (the body is not shown: it may carry a delivery address). */
    public record DeliveryView(UUID id, String webhookId, UUID partnerId, String type, String status, int attempts, Instant createdAt,
            Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt, Instant failedAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.messageId(), d.partnerId(), d.type(), d.status().name(), d.attempts(), d.createdAt(),
                    d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt() : null, d.lastStatus(), d.lastError(), d.deliveredAt(),
                    d.failedAt());
        }
    }

    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    private final WebhookRepository deliveries;
    private final PartnerQueries partners;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookService(WebhookRepository deliveries, PartnerQueries partners, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.partners = partners;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Queues a webhook to a partner, in the caller's transaction. The body is {@code {"type", "timestamp",
     * "data"}}, as Standard Webhooks suggests; {@code data} must carry no more personal data than the partner
     * needs to dispense and deliver.
     *
     * @return the delivery's id
     */
    public Uni<UUID> enqueue(UUID partner, String type, Object data) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now.toString());
        body.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook's data must be JSON", e);
        }
        WebhookDelivery delivery = WebhookDelivery.of(partner, type, payload, now);
        return deliveries.persist(delivery).replaceWith(delivery.id());
    }

    /** A {@code ping} to the partner, for it (or an operator) to check its endpoint and signature check. */
    @WithTransaction
    public Uni<DeliveryView> ping(Caller caller, UUID partner) {
        return (caller.isOperator() ? partners.endpoint(partner).map(e -> e != null) : partners.isPartner(caller, partner)).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(new ResourceNotFound("pharmacy", partner));
            }
            return enqueue(partner, "ping", Map.of("partnerId", partner, "message", "a test webhook from the hospital"))
                    .chain(id -> deliveries.findById(id)).map(DeliveryView::of);
        });
    }

    /** Failed deliveries (of one partner, or all), the most recent failure first. */
    @WithTransaction
    public Uni<DeliveryPage> failed(UUID partner, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return deliveries.failed(partner, before, limit)
                .map(found -> Cursor.Page.of(found, limit, WebhookDelivery::failedAt, WebhookDelivery::id))
                .map(page -> new DeliveryPage(page.map(DeliveryView::of), page.next()));
    }

    /** Every delivery to one partner, the most recent first: for the partner itself and operators (a null caller: an operator's list). */
    @WithTransaction
    public Uni<DeliveryPage> ofPartner(Caller caller, UUID partner, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return (caller == null || caller.isOperator() ? Uni.createFrom().item(true) : partners.isPartner(caller, partner)).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(new ResourceNotFound("pharmacy", partner));
            }
            return deliveries.ofPartner(partner, before, limit)
                    .map(found -> Cursor.Page.of(found, limit, WebhookDelivery::createdAt, WebhookDelivery::id))
                    .map(page -> new DeliveryPage(page.map(DeliveryView::of), page.next()));
        });
    }

    /** Sends a failed (or delivered) webhook again, with its webhook-id, from a fresh schedule. */
    @WithTransaction
    public Uni<DeliveryView> replay(UUID id) {
        return deliveries.locked(id).map(d -> {
            if (d == null) {
                throw new ResourceNotFound("webhook delivery", id);
            }
            if (!d.replay(clock.instant())) {
                throw new WebhookProblems.StillPending(id);
            }
            return DeliveryView.of(d);
        });
    }
}
