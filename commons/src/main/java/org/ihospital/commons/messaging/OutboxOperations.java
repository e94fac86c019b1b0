package org.ihospital.commons.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What operators see and do of the outbox: the backlog as metrics (pending events, the oldest one's age,
 * parked ones), the parked and failing rows, and retrying or discarding a parked row (ADR 0012).
 */
@ApplicationScoped
public class OutboxOperations {

    private static final Logger LOG = Logger.getLogger(OutboxOperations.class);

    /** An outbox row as operators see it; its payload stays in the database. */
    public record OutboxRow(UUID id, String topic, String subject, String type, Instant occurredAt, int attempts, String lastError,
            Instant nextAttemptAt, Instant parkedAt, Instant discardedAt, String discardReason) {
        static OutboxRow of(Row r) {
            return new OutboxRow(r.getUUID("id"), r.getString("topic"), r.getString("subject"), r.getString("type"),
                    instant(r, "occurred_at"), r.getInteger("attempts"), r.getString("last_error"), instant(r, "next_attempt_at"),
                    instant(r, "parked_at"), instant(r, "discarded_at"), r.getString("discard_reason"));
        }

        private static Instant instant(Row r, String column) {
            var value = r.getOffsetDateTime(column);
            return value == null ? null : value.toInstant();
        }
    }

    static final class NotWaiting extends ProblemException {
        NotWaiting(UUID id) {
            super("outbox-event-not-waiting", 409, "Event not waiting", "Outbox event " + id + " was already published or discarded");
        }
    }

    private final Pool pool;
    private final MeterRegistry metrics;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxOperations(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    void registerMetrics(@Observes StartupEvent started) {
        Gauge.builder("hospital.outbox.pending", pending, AtomicLong::get)
                .description("Events written to the outbox and not yet published to Kafka").register(metrics);
        Gauge.builder("hospital.outbox.oldest.pending.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unpublished event has waited").register(metrics);
        Gauge.builder("hospital.outbox.parked", parked, AtomicLong::get)
                .description("Events Kafka kept refusing, waiting for an operator").register(metrics);
    }

    /** Reads the backlog for the gauges (a gauge cannot wait for the database). */
    @Scheduled(every = "${hospital.outbox.metrics-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return pool.query("""
                select count(*) filter (where parked_at is null) as pending, count(*) filter (where parked_at is not null) as parked,
                       coalesce(extract(epoch from now() - min(occurred_at)), 0)::bigint as oldest
                from outbox_event where published_at is null and discarded_at is null""").execute()
                .invoke(rows -> rows.forEach(r -> {
                    pending.set(r.getLong("pending"));
                    parked.set(r.getLong("parked"));
                    oldestAgeSeconds.set(r.getLong("oldest"));
                }))
                .onFailure().invoke(e -> LOG.debugf("Outbox metrics not refreshed: %s", Failures.describe(e)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The backlog as last measured: pending, parked, and the oldest pending event's age in seconds. */
    public long[] backlog() {
        return new long[] { pending.get(), parked.get(), oldestAgeSeconds.get() };
    }

    /** Parked rows, or every row that failed at least once and is not published, oldest first. */
    public Uni<List<OutboxRow>> list(boolean parkedOnly, int limit) {
        return pool.preparedQuery("""
                select id, topic, subject, type, occurred_at, attempts, last_error, next_attempt_at, parked_at, discarded_at, discard_reason
                from outbox_event where published_at is null and discarded_at is null
                  and (parked_at is not null or (not $1 and last_error is not null))
                order by seq limit $2""").execute(Tuple.of(parkedOnly, limit))
                .map(rows -> { var list = new java.util.ArrayList<OutboxRow>(); rows.forEach(r -> list.add(OutboxRow.of(r))); return list; });
    }

    /** Sends a parked (or backing-off) row again at the next pass, with its count of refusals reset. */
    public Uni<OutboxRow> retry(UUID id) {
        return change(id, "update outbox_event set parked_at = null, next_attempt_at = null, attempts = 0"
                + " where id = $1 and published_at is null and discarded_at is null", Tuple.of(id));
    }

    /** Gives up on a row, with the operator and the reason kept; later rows of its subject flow again. */
    public Uni<OutboxRow> discard(UUID id, String operator, String reason) {
        return change(id, "update outbox_event set discarded_at = now(), discarded_by = $2, discard_reason = $3"
                + " where id = $1 and published_at is null and discarded_at is null", Tuple.of(id, operator, reason));
    }

    private Uni<OutboxRow> change(UUID id, String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).chain(changed -> changed.rowCount() == 1 ? find(id)
                : find(id).chain(row -> Uni.createFrom().failure(new NotWaiting(id))));
    }

    private Uni<OutboxRow> find(UUID id) {
        return pool.preparedQuery("""
                select id, topic, subject, type, occurred_at, attempts, last_error, next_attempt_at, parked_at, discarded_at, discard_reason
                from outbox_event where id = $1""").execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new ResourceNotFound("outbox event", id);
                    }
                    return OutboxRow.of(it.next());
                });
    }
}
