package org.ihospital.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Listens on PostgreSQL channel {@code outbox_event} (notified by a trigger when events commit) and runs
 * the relay at once, so that an event leaves within milliseconds instead of at the next poll.
 */
@ApplicationScoped
public class OutboxWakeUp {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final OutboxRelay relay;
    private final String url;
    private final String user;
    private final String password;
    private final boolean enabled;
    private PgSubscriber subscriber;

    public OutboxWakeUp(OutboxRelay relay,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "hospital.outbox.relay.enabled", defaultValue = "true") boolean enabled) {
        this.relay = relay;
        this.url = url;
        this.user = user;
        this.password = password;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        if (!enabled) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel("outbox_event").handler(ignored -> relay.relayUntilDrained().subscribe().with(
                done -> { }, failure -> LOG.warnf("Outbox relay wake-up failed: %s", failure.toString())));
        subscriber.connect().onFailure(e -> LOG.warnf("Cannot listen for outbox events, relying on polling: %s", e.toString()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
