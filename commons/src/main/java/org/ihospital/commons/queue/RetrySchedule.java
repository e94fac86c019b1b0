package org.ihospital.commons.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery that was not acknowledged (a webhook, a claim sent to a payer) is tried again: the
 * first attempt is immediate, then each retry waits the schedule's next step, varied by up to
 * ±{@code jitter} of it so that the retries of many deliveries (a partner back after an outage) do not
 * arrive at once. After the last step, none.
 */
public record RetrySchedule(List<Duration> waits, double jitter) {

    public RetrySchedule {
        if (waits.isEmpty() || waits.stream().anyMatch(w -> w.isNegative() || w.isZero())) {
            throw new IllegalArgumentException("the retry schedule needs positive waits: " + waits);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        waits = List.copyOf(waits);
    }

    /**
     * @param attempts how many attempts were made, the failed one included
     * @param random   a number in [0, 1), where in the jitter band this retry falls
     * @return the time of the next attempt, or empty when the delivery has failed for good
     */
    public Optional<Instant> next(int attempts, double random, Instant now) {
        if (attempts < 1 || attempts > waits.size()) {
            return Optional.empty();
        }
        long wait = waits.get(attempts - 1).toMillis();
        long varied = Math.round(wait * (1 + jitter * (2 * random - 1)));
        return Optional.of(now.plusMillis(Math.max(1, varied)));
    }

    /** The longest any delivery can stay pending: every wait at its longest. */
    public Duration longest() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus).multipliedBy(Math.round((1 + jitter) * 1000)).dividedBy(1000);
    }
}
