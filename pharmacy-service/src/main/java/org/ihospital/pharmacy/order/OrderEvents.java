package org.ihospital.pharmacy.order;

import java.time.Instant;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.PendingEvent;

/** What orders publish on {@code pharmacy.orders} (schemas in contracts/): one shape for every step, never the address. */
final class OrderEvents {

    static final String TOPIC = "pharmacy.orders";
    static final CloudEventType CREATED = CloudEventType.of("order.created");
    static final CloudEventType PAID = CloudEventType.of("order.paid");
    static final CloudEventType ROUTED = CloudEventType.of("order.routed");
    static final CloudEventType ACCEPTED = CloudEventType.of("order.accepted");
    static final CloudEventType REJECTED = CloudEventType.of("order.rejected");
    static final CloudEventType DISPENSED = CloudEventType.of("order.dispensed");
    static final CloudEventType SHIPPED = CloudEventType.of("order.shipped");
    static final CloudEventType DELIVERED = CloudEventType.of("order.delivered");
    static final CloudEventType CANCELLED = CloudEventType.of("order.cancelled");
    static final CloudEventType UNROUTABLE = CloudEventType.of("order.unroutable");
    /** pharmacy's answers to a requested revocation go with its reviews, keyed by the prescription. */
    static final String REVIEWS_TOPIC = "pharmacy.reviews";
    static final CloudEventType REVOCATION_CONFIRMED = CloudEventType.of("revocation.confirmed");
    static final CloudEventType REVOCATION_REFUSED = CloudEventType.of("revocation.refused");

    private OrderEvents() {
    }

    record OrderChanged(UUID orderId, UUID prescriptionId, UUID patientId, String status, Instant at, long patientPays, UUID pharmacyId,
            String trackingNumber, String reason) {
    }

    record RevocationConfirmed(UUID prescriptionId, UUID orderId, Instant confirmedAt) {
    }

    record RevocationRefused(UUID prescriptionId, UUID orderId, Instant refusedAt, String reason) {
    }

    static PendingEvent revocationConfirmed(Order o, Instant at) {
        return revocationConfirmed(o.prescriptionId(), o.id(), at);
    }

    /** Confirmed for a prescription that has no order at all. */
    static PendingEvent revocationConfirmed(UUID prescription, UUID order, Instant at) {
        return new PendingEvent(REVIEWS_TOPIC, REVOCATION_CONFIRMED, prescription.toString(), new RevocationConfirmed(prescription, order, at));
    }

    static PendingEvent revocationRefused(Order o, String reason, Instant at) {
        return new PendingEvent(REVIEWS_TOPIC, REVOCATION_REFUSED, o.prescriptionId().toString(),
                new RevocationRefused(o.prescriptionId(), o.id(), at, reason));
    }

    static PendingEvent of(Order o, CloudEventType type, String reason, Instant at) {
        return new PendingEvent(TOPIC, type, o.id().toString(), new OrderChanged(o.id(), o.prescriptionId(), o.patientId(), o.status().name(),
                at, o.patientPays(), o.pharmacyId(), o.trackingNumber(), reason));
    }
}
