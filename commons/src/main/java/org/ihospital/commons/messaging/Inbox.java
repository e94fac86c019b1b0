package org.ihospital.commons.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.tracing.Traces;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies each incoming event once, in order per subject (ADR 0003, ADR 0012).
 *
 * <p>In one transaction it records the event id for the consumer and, only if the id is new, applies
 * the change; a redelivered event is acknowledged and skipped. A failure that time may cure (the
 * database unreachable, a timeout, a serialization failure, a deadlock) is retried with back-off for as
 * long as it takes, and the message is acknowledged only then: the channel stops taking new records
 * meanwhile (the connector pauses the partitions), and nothing is dead-lettered for an outage. A
 * failure that will never go away (a contract violation, an unknown type, a refused rule) is kept as a
 * dead letter with its error, and the record goes to the service's dead-letter topic; from then on,
 * later events of the same subject for that consumer are parked, not applied out of order, until an
 * operator replays or discards the dead letter ({@link DeadLetters}).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final MessagingConfig.Inbox config;
    private final Pool pool;
    private final Traces traces;

    public Inbox(MessagingConfig.Inbox config, Pool pool, Traces traces) {
        this.config = config;
        this.pool = pool;
        this.traces = traces;
    }

    /** What became of an event. */
    enum Fate {
        APPLIED, DUPLICATE, PARKED
    }

    /**
     * @param consumer the handler: its name and how it applies an event
     * @param message  the Kafka message, with its CloudEvent metadata
     */
    public Uni<Void> consume(InboxConsumer consumer, Message<String> message) {
        InboundEvent event;
        try {
            event = read(message);
        } catch (UnreadableEvent e) {
            LOG.warnf("%s: dead-lettering an unreadable message: %s", consumer.name(), Failures.describe(e));
            return Uni.createFrom().completionStage(message.nack(new UnreadableEvent(Failures.describe(e))));
        }
        // the producer's span is the parent: what this consumer does, and the events it writes, join that trace
        Map<String, String> attributes = Map.of("messaging.system", "kafka", "messaging.operation.type", "process",
                "messaging.consumer.group.name", consumer.name(), "messaging.message.id", event.id().toString(),
                "cloudevents.event_type", event.type().toString(), "cloudevents.event_subject", event.subject());
        return traces.inSpan("process " + event.type().name(), SpanKind.CONSUMER, Traces.parentOf(traceparent(message)), List.of(),
                attributes, span -> applyWithRetries(consumer, event, config.backoff())
                        .onItemOrFailure().transformToUni((fate, failure) -> {
                            if (failure == null) {
                                return Uni.createFrom().completionStage(message.ack());
                            }
                            String reason = Failures.describe(failure);
                            span.setStatus(StatusCode.ERROR, "dead-lettered");
                            LOG.warnf("%s: dead-lettering event %s (%s) of subject %s: %s", consumer.name(), event.id(), event.type(),
                                    event.subject(), reason);
                            return recordDeadLetter(consumer.name(), event, reason, config.backoff())
                                    .chain(() -> Uni.createFrom().completionStage(message.nack(new UnreadableEvent(reason))));
                        }));
    }

    @SuppressWarnings("unchecked")
    private static String traceparent(Message<String> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .flatMap(ce -> ((IncomingCloudEventMetadata<String>) ce).<Object> getExtension(Traces.TRACEPARENT))
                .map(Object::toString).orElse(null);
    }

    /** Applies once, retrying what time may cure for as long as it takes; fails only with a deterministic failure. */
    private Uni<Fate> applyWithRetries(InboxConsumer consumer, InboundEvent event, Duration wait) {
        return Panache.withTransaction(() -> applyOnce(consumer, event))
                .onFailure(e -> Failures.isTransient(e) || Constraints.violated(e, "inbox_event_pkey")).recoverWithUni(failure -> {
                    LOG.warnf("%s: event %s could not be applied yet, retrying in %d ms: %s", consumer.name(), event.id(),
                            wait.toMillis(), Failures.describe(failure));
                    return sleep(wait).chain(() -> applyWithRetries(consumer, event, next(wait)));
                });
    }

    /** Inside the caller's transaction: skip a duplicate, park behind an open dead letter, or apply and remember. */
    Uni<Fate> applyOnce(InboxConsumer consumer, InboundEvent event) {
        return applied(consumer, event).chain(seen -> {
            if (seen) {
                LOG.debugf("%s: event %s already applied, skipping", consumer.name(), event.id());
                return Uni.createFrom().item(Fate.DUPLICATE);
            }
            return Panache.getSession().chain(session -> session.createNativeQuery("""
                    select count(*) from inbox_dead_letter where consumer = ?1 and subject = ?2 and resolved_at is null""",
                    Long.class).setParameter(1, consumer.name()).setParameter(2, event.subject()).getSingleResult())
                    .chain(blocked -> blocked > 0 ? park(consumer.name(), event) : rememberAndApply(consumer, event).replaceWith(Fate.APPLIED));
        });
    }

    /**
     * Applies an event an operator released (a dead letter being replayed, or one parked behind it), in the
     * caller's transaction: once, whatever the dead letter it was parked behind.
     */
    Uni<Void> applyReleased(InboxConsumer consumer, InboundEvent event) {
        return applied(consumer, event).chain(seen -> seen ? Uni.createFrom().voidItem() : rememberAndApply(consumer, event));
    }

    private static Uni<Boolean> applied(InboxConsumer consumer, InboundEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select count(*) from inbox_event where consumer = ?1 and event_id = ?2""", Long.class)
                .setParameter(1, consumer.name()).setParameter(2, event.id()).getSingleResult())
                .map(seen -> seen > 0);
    }

    private static Uni<Void> rememberAndApply(InboxConsumer consumer, InboundEvent event) {
        return remember(consumer.name(), event).chain(() -> consumer.apply(event));
    }

    /** Records the event as applied (a concurrent duplicate fails on the primary key and is retried, then skipped). */
    private static Uni<Void> remember(String consumer, InboundEvent event) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into inbox_event (consumer, event_id, type) values (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.type().toString())
                .executeUpdate()).replaceWithVoid();
    }

    private static Uni<Fate> park(String consumer, InboundEvent event) {
        LOG.warnf("%s: parking event %s (%s): an earlier event of subject %s is a dead letter", consumer, event.id(), event.type(),
                event.subject());
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into inbox_parked (consumer, event_id, subject, type, occurred_at, data) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (consumer, event_id) do nothing""")
                .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.subject())
                .setParameter(4, event.type().toString()).setParameter(5, event.time().atOffset(ZoneOffset.UTC))
                .setParameter(6, event.data()).executeUpdate()).replaceWith(Fate.PARKED);
    }

    /** Kept whole with its error, in its own transaction; retried while the database is out of reach. */
    private Uni<Void> recordDeadLetter(String consumer, InboundEvent event, String reason, Duration wait) {
        return pool.preparedQuery("""
                insert into inbox_dead_letter (id, consumer, event_id, subject, type, occurred_at, data, error)
                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (consumer, event_id) do nothing""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(consumer).addUUID(event.id()).addString(event.subject())
                        .addString(event.type().toString()).addOffsetDateTime(event.time().atOffset(ZoneOffset.UTC))
                        .addString(event.data()).addString(reason))
                .replaceWithVoid()
                .onFailure(Failures::isTransient).recoverWithUni(failure -> sleep(wait)
                        .chain(() -> recordDeadLetter(consumer, event, reason, next(wait))));
    }

    /** Waits, then carries on in the same Vert.x context (Hibernate Reactive sessions must stay on it). */
    static Uni<Void> sleep(Duration wait) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        }
        return Uni.createFrom().emitter(done -> context.owner().setTimer(Math.max(1, wait.toMillis()),
                timer -> context.runOnContext(ignored -> done.complete(null))));
    }

    private Duration next(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    /** Applied event ids are forgotten after the retention, which outlives the topics' own retention. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> forgetOldEvents() {
        return pool.preparedQuery("delete from inbox_event where received_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.retention().toSeconds()))
                .onFailure().invoke(e -> LOG.warnf("Inbox purge failed: %s", Failures.describe(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    static InboundEvent read(Message<String> message) {
        IncomingCloudEventMetadata<String> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new UnreadableEvent("not a CloudEvent (no ce_ headers)"));
        UUID id;
        CloudEventType type;
        try {
            id = UUID.fromString(ce.getId());
            type = CloudEventType.parse(ce.getType());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEvent("CloudEvent with a bad id or type: " + e.getMessage(), e);
        }
        String subject = ce.getSubject().orElseThrow(() -> new UnreadableEvent("CloudEvent " + id + " has no subject"));
        String data = message.getPayload();
        if (data == null || data.isBlank()) {
            throw new UnreadableEvent("CloudEvent " + id + " has no data");
        }
        Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElseGet(Instant::now);
        return new InboundEvent(id, type, subject, time, data);
    }
}
