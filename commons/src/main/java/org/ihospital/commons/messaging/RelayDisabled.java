package org.ihospital.commons.messaging;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;


import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Lets an operator (or a test that drives the relay by hand) switch the scheduled relay off; also
 * holds it until the application has started (before, the Kafka channel may not be connected yet, and
 * the first tick failed with "Unable to connect an emitter") and stops it while the application shuts
 * down, when the Kafka channel is already gone.
 */
@Singleton
public class RelayDisabled implements Scheduled.SkipPredicate {

    private final boolean enabled;
    private volatile boolean started;
    private volatile boolean stopping;

    void started(@Observes StartupEvent event) {
        started = true;
    }

    public RelayDisabled(MessagingConfig.Outbox config) {
        this.enabled = config.relay().enabled();
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled || !started || stopping;
    }
}
