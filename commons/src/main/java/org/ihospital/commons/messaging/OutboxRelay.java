package org.ihospital.commons.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes pending outbox rows to Kafka and marks them published.
 *
 * <p>One relay works at a time per database (a transaction-scoped advisory lock), so the rows of one
 * aggregate leave in the order they were written, whatever the number of replicas. The rows are
 * published with an idempotent producer and {@code acks=all} (channel {@code outbox}); they are marked
 * published only after Kafka acknowledged all of them, in the same transaction that locked them. If
 * the process dies between publishing and marking, the transaction rolls back and the rows are
 * published again: at-least-once on the wire, exactly-once in effect thanks to the consumers' inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant will do; it names the relay's advisory lock in this database. */
    private static final long RELAY_LOCK = 0x1d05_0a7b_0001L;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final URI source;
    private final int batchSize;
    private final Duration retention;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(Pool pool,
            @Channel("outbox") MutinyEmitter<String> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "hospital.outbox.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "hospital.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.pool = pool;
        this.kafka = kafka;
        this.source = URI.create("/ihospital/" + application);
        this.batchSize = batchSize;
        this.retention = retention;
    }

    @Scheduled(every = "${hospital.outbox.poll-interval:1s}", delayed = "${hospital.outbox.start-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayUntilDrained();
    }

    /**
     * Relays batches until none is left. Called by the periodic tick and by the database's
     * notification that new events were committed; overlapping calls coalesce into one more pass.
     */
    Uni<Void> relayUntilDrained() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return relayPending()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay could not publish, will retry: %s", e.toString()))
                .onFailure().recoverWithItem(0)
                .onTermination().invoke(() -> running.set(false))
                .chain(count -> count >= batchSize || again.getAndSet(false) ? relayUntilDrained() : Uni.createFrom().voidItem());
    }

    /** Publishes one batch; returns how many rows it published (0 when another relay holds the lock). */
    public Uni<Integer> relayPending() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean(0) ? publishBatch(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection conn) {
        return conn.preparedQuery("""
                select id, topic, subject, type, payload::text as payload, occurred_at, request_id
                from outbox_event where published_at is null order by seq limit $1 for update""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> acks = batch.stream().map(this::send).toList();
                    UUID[] ids = batch.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
                    return Uni.join().all(acks).andFailFast()
                            .ifNoItem().after(ACK_TIMEOUT).failWith(() -> new IllegalStateException("Kafka did not acknowledge in time"))
                            .chain(() -> conn.preparedQuery(
                                    "update outbox_event set published_at = now(), attempts = attempts + 1 where id = any($1)")
                                    .execute(Tuple.of(ids)))
                            .replaceWith(ids.length);
                });
    }

    private Uni<Void> send(Row row) {
        String id = row.getUUID("id").toString();
        String subject = row.getString("subject");
        OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
        var ce = OutgoingCloudEventMetadata.<String> builder()
                .withId(id)
                .withSource(source)
                .withType(row.getString("type"))
                .withSubject(subject)
                .withDataContentType("application/json")
                .withTimestamp(occurred.atZoneSameInstant(ZoneOffset.UTC));
        String requestId = row.getString("request_id");
        if (requestId != null) {
            ce.withExtension("requestid", requestId);
        }
        var kafkaRecord = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.getString("topic"))
                .withKey(subject)
                .build();
        return kafka.sendMessage(Message.of(row.getString("payload"), Metadata.of(ce.build(), kafkaRecord)));
    }

    /** Deletes published rows past their retention; the events live on in Kafka and in the consumers. */
    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> purgePublished() {
        return pool.preparedQuery("delete from outbox_event where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .onFailure().invoke(e -> LOG.warnf("Outbox purge failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
