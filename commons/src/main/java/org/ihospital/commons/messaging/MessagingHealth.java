package org.ihospital.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Kafka's state and the outbox backlog, as health data that no probe acts on ({@code /q/health/well} on
 * the management port): with the broker down the API keeps working and the outbox absorbs the events,
 * so neither readiness nor liveness may depend on it. Alerts use the metrics
 * ({@code hospital_outbox_pending}, {@code hospital_outbox_oldest_pending_age_seconds}, {@code hospital_outbox_parked}).
 */
@Wellness
@ApplicationScoped
public class MessagingHealth implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxOperations outbox;

    public MessagingHealth(OutboxRelay relay, OutboxOperations outbox) {
        this.relay = relay;
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        long[] backlog = outbox.backlog();
        return HealthCheckResponse.named("Kafka and the outbox")
                .status(relay.kafkaReached() && backlog[1] == 0)
                .withData("kafkaReachedByLastRelayPass", relay.kafkaReached())
                .withData("outboxPending", backlog[0])
                .withData("outboxParked", backlog[1])
                .withData("outboxOldestPendingAgeSeconds", backlog[2])
                .build();
    }
}
