package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.infrastructure.SqlValues;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.UnreadableEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each prescription's timeline: the steps of the saga, once each, in the order they happened. This
 * service's own events are recorded where they are published; the other services' arrive through the
 * inbox. Runs in the caller's transaction.
 */
@ApplicationScoped
public class TimelineRepository {

    public record Step(String type, Instant at, JsonNode detail) {
    }

    private final ObjectMapper json;

    public TimelineRepository(ObjectMapper json) {
        this.json = json;
    }

    Uni<Void> recordOwn(UUID prescription, UUID eventId, String type, Instant at) {
        return insert(prescription, eventId, type, at, "{}");
    }

    /** A step reported by pharmacy or insurance; every saga event carries the prescription's id. */
    public Uni<Void> recordReported(InboundEvent event) {
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (Exception e) {
            throw new UnreadableEvent("event " + event.id() + " has data that is not JSON", e);
        }
        JsonNode prescription = data.get("prescriptionId");
        UUID id;
        try {
            id = UUID.fromString(prescription == null ? "" : prescription.asText());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEvent("event " + event.id() + " (" + event.type() + ") carries no prescriptionId");
        }
        return insert(id, event.id(), event.type().name(), event.time(), summary(data).toString());
    }

    /** What the patient and doctor need to see of a step; ids and money, never personal data. */
    private JsonNode summary(JsonNode data) {
        var summary = json.createObjectNode();
        for (String field : List.of("approved", "reason", "orderId", "pharmacyId", "trackingNumber", "claimId", "insurerPays",
                "patientPays", "status")) {
            if (data.has(field)) {
                summary.set(field, data.get(field));
            }
        }
        return summary;
    }

    public Uni<List<Step>> of(UUID prescription) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select type, occurred_at, detail::text from prescription_timeline where prescription_id = ?1
                order by occurred_at, id""", Object[].class).setParameter(1, prescription).getResultList())
                .map(rows -> rows.stream().map(r -> new Step((String) r[0], SqlValues.instant(r[1]), tree((String) r[2]))).toList());
    }

    private Uni<Void> insert(UUID prescription, UUID eventId, String type, Instant at, String detail) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into prescription_timeline (prescription_id, event_id, type, occurred_at, detail)
                values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb)) on conflict (event_id) do nothing""")
                .setParameter(1, prescription).setParameter(2, eventId).setParameter(3, type).setParameter(4, at).setParameter(5, detail)
                .executeUpdate()).replaceWithVoid();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

}
