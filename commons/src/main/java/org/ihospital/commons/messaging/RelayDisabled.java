package org.ihospital.commons.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Lets an operator (or a test that drives the relay by hand) switch the scheduled relay off. */
@Singleton
public class RelayDisabled implements Scheduled.SkipPredicate {

    private final boolean enabled;

    public RelayDisabled(@ConfigProperty(name = "hospital.outbox.relay.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled;
    }
}
