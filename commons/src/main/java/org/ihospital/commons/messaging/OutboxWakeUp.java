package org.ihospital.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.persistence.PgNotifications;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the relay as soon as a transaction that wrote events commits (the outbox table's trigger
 * notifies channel {@code outbox_event}), so that an event leaves within milliseconds instead of at
 * the next poll.
 */
@ApplicationScoped
public class OutboxWakeUp {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final OutboxRelay relay;
    private final PgNotifications notifications;
    private final boolean enabled;

    public OutboxWakeUp(OutboxRelay relay, PgNotifications notifications,
            MessagingConfig.Outbox config) {
        this.relay = relay;
        this.notifications = notifications;
        this.enabled = config.relay().enabled();
    }

    void start(@Observes StartupEvent started) {
        if (enabled) {
            notifications.listen("outbox_event", ignored -> relay.relayUntilDrained().subscribe().with(
                    done -> { }, failure -> LOG.warnf("Outbox relay wake-up failed: %s", Failures.describe(failure))));
        }
    }
}
