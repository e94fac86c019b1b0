package org.ihospital.commons.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.tracing.Traces;
import org.ihospital.commons.web.RequestIds;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes an event to the outbox table in the caller's current Hibernate Reactive transaction, so that
 * the state change and its event commit or roll back together (no dual write). The
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Traces traces;

    public Outbox(ObjectMapper json, Traces traces) {
        this.json = json;
        this.traces = traces;
    }

    /**
     * Appends every event the aggregate recorded since it was loaded, in order: the one place where
     * recorded events leave an aggregate. Runs in the caller's transaction, after the change. An aggregate
     * that kept its flow's trace has its events written in that trace (linked to the current request).
     *
     * @return the CloudEvent ids, in the order of the events
     */
    public Uni<List<UUID>> publish(EventSource aggregate) {
        List<PendingEvent> events = aggregate.drainEvents();
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return traces.continuing(aggregate.traceparent(), events.get(0).type().name(), span -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> append(e.topic(), e.type(), e.subject(), e.data()))
                .collect().asList());
    }

    /**
     * @param topic   the aggregate's stream, e.g. {@code consultation.prescriptions}
     * @param type    e.g. {@code CloudEventType.of("prescription.issued")}
     * @param subject the aggregate id: CloudEvent subject and Kafka key, so one aggregate's events stay ordered
     * @param data    the event record; serialised with the application's Jackson mapper
     * @return the CloudEvent id of the new event; the row keeps the current request id and trace
     */
    public Uni<UUID> append(String topic, CloudEventType type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serialisable: " + type, e));
        }
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into outbox_event (id, topic, subject, type, payload, request_id, traceparent)
                        values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb), ?6, ?7)""")
                        .setParameter(1, id)
                        .setParameter(2, topic)
                        .setParameter(3, subject)
                        .setParameter(4, type.toString())
                        .setParameter(5, payload)
                        .setParameter(6, requestId == null ? null : requestId.toString())
                        .setParameter(7, Traces.current())
                        .executeUpdate())
                .replaceWith(id);
    }
}
