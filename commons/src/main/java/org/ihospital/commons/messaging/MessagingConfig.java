package org.ihospital.commons.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of commons' outbox, relay and inbox, with their defaults (ADR 0003, ADR 0012). */
public final class MessagingConfig {

    private MessagingConfig() {
    }

    @ConfigMapping(prefix = "hospital.outbox")
    public interface Outbox {

        /** Rows one relay pass reads at most. */
        @WithDefault("100")
        int batchSize();

        /** How long published rows are kept before they are purged (the events live on in Kafka). */
        @WithDefault("P7D")
        Duration retention();

        /** The relay's poll, the safety net behind the commit notification (a scheduler interval). */
        @WithDefault("1s")
        String pollInterval();

        @WithDefault("1s")
        String startDelay();

        /** How often the backlog metrics are read from the database (a scheduler interval). */
        @WithDefault("15s")
        String metricsInterval();

        Relay relay();

        interface Relay {
            /** Operators (and tests that drive the relay by hand) can switch the scheduled relay off. */
            @WithDefault("true")
            boolean enabled();

            /** After this many refusals by Kafka a row is parked, and later rows of its subject wait for an operator. */
            @WithDefault("5")
            int parkAfter();

            /** First wait after a failure; it doubles with each failure up to {@link #maxBackoff()}. */
            @WithDefault("PT1S")
            Duration backoff();

            @WithDefault("PT5M")
            Duration maxBackoff();

            /** How long the relay waits for Kafka to acknowledge one record. */
            @WithDefault("PT10S")
            Duration ackTimeout();

            /** A bound on each of the relay's own SQL statements. */
            @WithDefault("PT5S")
            Duration statementTimeout();

            /** PostgreSQL ends the relay's session if it stays idle inside its transaction this long (a half-open connection). */
            @WithDefault("PT30S")
            Duration idleInTransactionTimeout();

            /** A bound on one whole pass: the relay never stalls longer than this. */
            @WithDefault("PT45S")
            Duration passTimeout();
        }
    }

    @ConfigMapping(prefix = "hospital.inbox")
    public interface Inbox {

        /** First wait before a transient failure is retried; doubles up to {@link #maxBackoff()}, for as long as it takes. */
        @WithDefault("PT0.2S")
        Duration backoff();

        @WithDefault("PT30S")
        Duration maxBackoff();

        /** How long applied event ids are remembered; must exceed the topics' retention, so a redelivery is still recognised. */
        @WithDefault("P30D")
        Duration retention();
    }
}
