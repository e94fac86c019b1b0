package org.ihospital.commons.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.ihospital.commons.tracing.Traces;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes pending outbox rows to Kafka and marks them published.
 *
 * <p>One relay works at a time per database (a transaction-scoped advisory lock), so the rows of one
 * subject leave in the order they were written, whatever the number of replicas. Rows of different
 * subjects are sent side by side; the rows of one subject one after the other, each after the previous
 * one was acknowledged ({@code acks=all}, idempotent producer). Successes are marked in the locking
 * transaction; a crash before that commits rolls it back and the rows are sent again (at-least-once on
 * the wire, exactly-once in effect thanks to the consumers' inbox).
 *
 * <p>A row Kafka refuses does not stop the others (ADR 0012): the refusal is recorded with the row in its
 * own transaction, the row backs off, later rows of the same subject wait behind it, other subjects flow.
 * After {@code park-after} refusals the row is parked for an operator ({@link OutboxOperations}). When
 * Kafka is unreachable (a retriable error or a timeout) nothing is held against the rows: the relay as a
 * whole backs off and tries again. Every statement, and every pass, has a time bound.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant will do; it names the relay's advisory lock in this database. */
    private static final long RELAY_LOCK = 0x1d05_0a7b_0001L;

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final URI source;
    private final MessagingConfig.Outbox config;
    private final Traces traces;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** While Kafka is unreachable: no pass before this time (epoch millis), and how long the last wait was. */
    private final AtomicLong pausedUntil = new AtomicLong();
    private final AtomicLong pause = new AtomicLong();
    private final AtomicBoolean kafkaReached = new AtomicBoolean(true);

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application, MessagingConfig.Outbox config, Traces traces) {
        this.pool = pool;
        this.kafka = kafka;
        this.source = URI.create("/ihospital/" + application);
        this.config = config;
        this.traces = traces;
    }

    /** What one pass did. */
    public record Pass(int published, int refused, boolean kafkaUnreachable) {
        static final Pass IDLE = new Pass(0, 0, false);
    }

    private record Outcome(List<UUID> published, Map<UUID, Throwable> refused) {
    }

    @Scheduled(every = "${hospital.outbox.poll-interval:1s}", delayed = "${hospital.outbox.start-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayUntilDrained();
    }

    /**
     * Relays batches until none is left. Called by the periodic tick and by the database's notification
     * that new events were committed; overlapping calls coalesce into one more pass. While Kafka is
     * unreachable the relay waits out its back-off, whatever wakes it.
     */
    Uni<Void> relayUntilDrained() {
        if (System.currentTimeMillis() < pausedUntil.get()) {
            return Uni.createFrom().voidItem();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return relayPending()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, will retry: %s", Failures.describe(e)))
                .onFailure().recoverWithItem(new Pass(0, 0, true))
                .onTermination().invoke(() -> running.set(false))
                .chain(pass -> {
                    kafkaReached.set(!pass.kafkaUnreachable());
                    if (pass.kafkaUnreachable()) {
                        long wait = Math.min(Math.max(pause.get() * 2, config.relay().backoff().toMillis()),
                                Math.min(config.relay().maxBackoff().toMillis(), 10_000));
                        pause.set(wait);
                        pausedUntil.set(System.currentTimeMillis() + wait);
                        return Uni.createFrom().voidItem();
                    }
                    pause.set(0);
                    return pass.published() + pass.refused() >= config.batchSize() || again.getAndSet(false)
                            ? relayUntilDrained() : Uni.createFrom().voidItem();
                });
    }

    /** Whether the last pass reached Kafka (health data, see MessagingHealth). */
    public boolean kafkaReached() {
        return kafkaReached.get();
    }

    /** Publishes one batch (nothing when another relay holds the lock); refusals are recorded, never thrown. */
    public Uni<Pass> relayPending() {
        var relay = config.relay();
        return pool.withTransaction(conn -> conn.query("set local statement_timeout = " + relay.statementTimeout().toMillis()).execute()
                .chain(() -> conn.query("set local idle_in_transaction_session_timeout = "
                        + relay.idleInTransactionTimeout().toMillis()).execute())
                .chain(() -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK)))
                .chain(rows -> rows.iterator().next().getBoolean(0) ? publishBatch(conn) : Uni.createFrom().item(Pass.IDLE)))
                .ifNoItem().after(relay.passTimeout())
                .failWith(() -> new TimeoutException("the outbox relay pass took longer than " + relay.passTimeout()));
    }

    private Uni<Pass> publishBatch(SqlConnection conn) {
        return conn.preparedQuery("""
                select o.id, o.topic, o.subject, o.type, o.payload::text as payload, o.occurred_at, o.request_id, o.traceparent
                from outbox_event o
                where o.published_at is null and o.discarded_at is null and o.parked_at is null
                  and (o.next_attempt_at is null or o.next_attempt_at <= now())
                  and not exists (select 1 from outbox_event b
                                  where b.subject = o.subject and b.seq < o.seq and b.published_at is null and b.discarded_at is null
                                    and (b.parked_at is not null or b.next_attempt_at > now()))
                order by o.seq limit $1""")
                .execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    Map<String, List<Row>> bySubject = new LinkedHashMap<>();
                    rows.forEach(row -> bySubject.computeIfAbsent(row.getString("subject"), s -> new ArrayList<>()).add(row));
                    if (bySubject.isEmpty()) {
                        return Uni.createFrom().item(Pass.IDLE);
                    }
                    List<Uni<Outcome>> chains = bySubject.values().stream().map(this::sendInOrder).toList();
                    return Uni.join().all(chains).andFailFast().chain(outcomes -> settle(conn, outcomes));
                });
    }

    /** Sends one subject's rows one after the other; the first refusal ends the chain (later rows wait behind it). */
    private Uni<Outcome> sendInOrder(List<Row> rows) {
        return sendFrom(rows, 0, new ArrayList<>());
    }

    private Uni<Outcome> sendFrom(List<Row> rows, int next, List<UUID> sent) {
        if (next == rows.size()) {
            return Uni.createFrom().item(new Outcome(sent, Map.of()));
        }
        UUID id = rows.get(next).getUUID("id");
        return send(rows.get(next)).onItemOrFailure().transformToUni((ok, failure) -> {
            if (failure != null) {
                return Uni.createFrom().item(new Outcome(sent, Map.of(id, failure)));
            }
            sent.add(id);
            return sendFrom(rows, next + 1, sent);
        });
    }

    private Uni<Pass> settle(SqlConnection conn, List<Outcome> outcomes) {
        List<UUID> published = outcomes.stream().flatMap(o -> o.published().stream()).toList();
        Map<UUID, Throwable> refused = new LinkedHashMap<>();
        outcomes.forEach(o -> refused.putAll(o.refused()));
        boolean unreachable = refused.values().stream().anyMatch(OutboxRelay::kafkaUnreachable);
        Uni<Void> marked = published.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null,"
                        + " next_attempt_at = null where id = any($1)").execute(Tuple.of(published.toArray(UUID[]::new))).replaceWithVoid();
        return marked.chain(() -> recordRefusals(refused)).replaceWith(new Pass(published.size(), refused.size(), unreachable));
    }

    /**
     * Each refusal in its own transaction (they survive whatever becomes of the relay's): the row backs
     * off, and after {@code park-after} refusals it is parked. A row that could not reach Kafka at all
     * only notes the error; it is not held against it.
     */
    private Uni<Void> recordRefusals(Map<UUID, Throwable> refused) {
        var relay = config.relay();
        return Multi.createFrom().iterable(refused.entrySet()).onItem().transformToUniAndConcatenate(e -> {
            String error = Failures.describe(e.getValue());
            if (kafkaUnreachable(e.getValue())) {
                return pool.preparedQuery("update outbox_event set last_error = $2 where id = $1").execute(Tuple.of(e.getKey(), error))
                        .replaceWithVoid();
            }
            LOG.warnf("Kafka refused outbox event %s: %s", e.getKey(), error);
            return pool.withTransaction(c -> c.preparedQuery("""
                    update outbox_event set attempts = attempts + 1, last_error = $2,
                        next_attempt_at = now() + make_interval(secs => least($3 * power(2, attempts), $4)),
                        parked_at = case when attempts + 1 >= $5 then now() end
                    where id = $1 and published_at is null""")
                    .execute(Tuple.of(e.getKey(), error, (double) relay.backoff().toMillis() / 1000,
                            (double) relay.maxBackoff().toSeconds(), relay.parkAfter())))
                    .replaceWithVoid();
        }).collect().last().onFailure().invoke(e -> LOG.warnf("Could not record an outbox refusal: %s", Failures.describe(e)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Kafka was not reached (or did not answer): a matter of time, not of the record. */
    static boolean kafkaUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row as a CloudEvent, in a producer span of the trace that wrote it: the span's context travels
     * as the {@code traceparent} extension, so the consumers' spans are its children.
     */
    private Uni<Void> send(Row row) {
        String id = row.getUUID("id").toString();
        String subject = row.getString("subject");
        String topic = row.getString("topic");
        String type = row.getString("type");
        OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
        Map<String, String> attributes = Map.of("messaging.system", "kafka", "messaging.operation.type", "send",
                "messaging.destination.name", topic, "messaging.message.id", id, "cloudevents.event_type", type,
                "cloudevents.event_subject", subject);
        return traces.aside("send " + topic, SpanKind.PRODUCER, Traces.parentOf(row.getString("traceparent")), attributes,
                span -> {
                    var ce = OutgoingCloudEventMetadata.<String> builder()
                            .withId(id)
                            .withSource(source)
                            .withType(type)
                            .withSubject(subject)
                            .withDataContentType("application/json")
                            .withTimestamp(occurred.atZoneSameInstant(ZoneOffset.UTC));
                    String requestId = row.getString("request_id");
                    if (requestId != null) {
                        ce.withExtension("requestid", requestId);
                    }
                    String traceparent = Traces.traceparentOf(span.getSpanContext());
                    if (traceparent != null) {
                        ce.withExtension(Traces.TRACEPARENT, traceparent);
                    }
                    var kafkaRecord = OutgoingKafkaRecordMetadata.<String> builder().withTopic(topic).withKey(subject).build();
                    Duration ack = config.relay().ackTimeout();
                    return kafka.sendMessage(Message.of(row.getString("payload"), Metadata.of(ce.build(), kafkaRecord)))
                            .ifNoItem().after(ack)
                            .failWith(() -> new TimeoutException("Kafka did not acknowledge event " + id + " within " + ack));
                });
    }

    /** Deletes published and discarded rows past their retention; the events live on in Kafka and in the consumers. */
    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> purgePublished() {
        return pool.preparedQuery("""
                delete from outbox_event where published_at < now() - make_interval(secs => $1)
                   or discarded_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) config.retention().toSeconds()))
                .onFailure().invoke(e -> LOG.warnf("Outbox purge failed: %s", Failures.describe(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
