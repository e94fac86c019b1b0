package org.ihospital.pharmacy.order;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One partner an order was sent to, and how that ended (null while it is the partner's). */
@Embeddable
public record RoutingAttempt(@Column(name = "pharmacy_id") UUID pharmacyId, @Column(name = "routed_at") Instant routedAt, String outcome) {

    RoutingAttempt ended(String why) {
        return new RoutingAttempt(pharmacyId, routedAt, why);
    }
}
