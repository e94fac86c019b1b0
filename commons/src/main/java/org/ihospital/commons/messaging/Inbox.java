package org.ihospital.commons.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * Applies each incoming event once. In one transaction it records the event id for the consumer and,
 * only if the id is new, applies the change; a redelivered event is acknowledged and skipped. An
 * event whose handling keeps failing is retried a few times with back-off and then negatively
 * acknowledged, which the channel's {@code dead-letter-queue} failure strategy turns into a record on
 * the dead-letter topic carrying the error, so the partition moves on.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final int retries;
    private final Duration backoff;

    public Inbox(@ConfigProperty(name = "hospital.inbox.retries", defaultValue = "3") int retries,
            @ConfigProperty(name = "hospital.inbox.backoff", defaultValue = "PT0.2S") Duration backoff) {
        this.retries = retries;
        this.backoff = backoff;
    }

    /**
     * @param consumer a stable name for the consumer (a service can consume one event in two ways)
     * @param message  the Kafka message, with its CloudEvent metadata
     * @param apply    the change, run inside the inbox transaction; it must not open its own
     */
    public Uni<Void> consumeOnce(String consumer, Message<String> message, Function<InboundEvent, Uni<Void>> apply) {
        InboundEvent event;
        try {
            event = read(message);
        } catch (UnreadableEvent e) {
            LOG.warnf("%s: dead-lettering an unreadable message: %s", consumer, e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Panache.withTransaction(() -> recordFirstDelivery(consumer, event)
                .chain(first -> first ? apply.apply(event) : skipDuplicate(consumer, event)))
                .onFailure(e -> !(e instanceof UnreadableEvent)).retry().withBackOff(backoff, backoff.multipliedBy(10)).atMost(retries)
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("%s: dead-lettering event %s (%s) after it kept failing: %s", consumer, event.id(), event.type(),
                            failure.toString());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> skipDuplicate(String consumer, InboundEvent event) {
        LOG.debugf("%s: event %s already applied, skipping", consumer, event.id());
        return Uni.createFrom().voidItem();
    }

    private static Uni<Boolean> recordFirstDelivery(String consumer, InboundEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into inbox_event (consumer, event_id, type) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type().toString())
                .executeUpdate())
                .map(inserted -> inserted == 1);
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
        java.time.Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElseGet(java.time.Instant::now);
        return new InboundEvent(id, type, subject, time, data);
    }
}
