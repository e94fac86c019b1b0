package org.ihospital.commons.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Failures;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Business metrics counted from the service's own rows (ADR 0023): a journey's outcome, a queue's length and
 * age, flags raised. A meter cannot wait for a query, so each registered query runs every
 * {@code hospital.metrics.interval} and its rows set what the meters show. Counted from rows, the values are
 * exact, survive restarts, and are the same on every replica: dashboards and alerts take the {@code max}
 * over a service's pods, not the sum. A meter appears once its query first answered: a counter that showed 0
 * before would look to Prometheus like a reset, and every restart like a burst of new counts. A query that
 * fails is logged as a warning once, until it answers again (the meters then keep their last values).
 */
@ApplicationScoped
public class DatabaseMeters {

    private static final Logger LOG = Logger.getLogger(DatabaseMeters.class);

    /** A query, what it sets, and the meters it registers after its first answer. */
    private record Query(String sql, Consumer<RowSet<Row>> read, Runnable register, AtomicBoolean registered, AtomicBoolean failing) {
    }

    private final Pool pool;
    private final MeterRegistry registry;
    private final List<Query> queries = new CopyOnWriteArrayList<>();

    public DatabaseMeters(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /**
     * A gauge whose value the query answers (one row, one number; no row counts 0).
     *
     * @param baseUnit e.g. {@code seconds}; {@code null} for a count
     */
    public void gauge(String name, String description, String baseUnit, String sql) {
        AtomicLong value = new AtomicLong();
        add(sql, rows -> {
            var it = rows.iterator();
            value.set(it.hasNext() ? longOf(it.next(), 0) : 0);
        }, () -> {
            var gauge = Gauge.builder(name, value, AtomicLong::get).description(description);
            if (baseUnit != null) {
                gauge.baseUnit(baseUnit);
            }
            gauge.register(registry);
        });
    }

    /**
     * Counters of one name, one per value of the tag: the query answers rows of (tag value, count); a value it
     * does not answer counts 0, a value not in {@code tagValues} is not shown.
     */
    public void counters(String name, String description, String tag, List<String> tagValues, String sql) {
        Map<String, AtomicLong> values = new LinkedHashMap<>();
        tagValues.forEach(v -> values.put(v, new AtomicLong()));
        add(sql, rows -> {
            Map<String, Long> counted = new LinkedHashMap<>();
            rows.forEach(row -> counted.put(row.getString(0), longOf(row, 1)));
            // each value set once to its new count, never through 0 (a scrape in between would see a reset)
            values.forEach((tagValue, value) -> value.set(counted.getOrDefault(tagValue, 0L)));
        }, () -> values.forEach((tagValue, value) -> FunctionCounter.builder(name, value, AtomicLong::get).description(description)
                .tag(tag, tagValue).register(registry)));
    }

    private void add(String sql, Consumer<RowSet<Row>> read, Runnable register) {
        queries.add(new Query(sql, read, register, new AtomicBoolean(), new AtomicBoolean()));
    }

    @Scheduled(every = "${hospital.metrics.interval:30s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return Multi.createFrom().iterable(queries).onItem().transformToUniAndConcatenate(query -> pool.query(query.sql()).execute()
                .invoke(rows -> {
                    query.read().accept(rows);
                    if (query.registered().compareAndSet(false, true)) {
                        query.register().run();
                    }
                    if (query.failing().compareAndSet(true, false)) {
                        LOG.infof("Metrics query answers again: %s", query.sql().lines().findFirst().orElse(""));
                    }
                })
                .onFailure().invoke(e -> {
                    if (query.failing().compareAndSet(false, true)) {
                        LOG.warnf("Metrics query failed, its meters keep their last values: %s (%s)", Failures.describe(e),
                                query.sql().lines().findFirst().orElse(""));
                    }
                })
                .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private static long longOf(Row row, int column) {
        Number n = (Number) row.getValue(column);
        return n == null ? 0 : n.longValue();
    }
}
