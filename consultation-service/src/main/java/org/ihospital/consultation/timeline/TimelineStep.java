package org.ihospital.consultation.timeline;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/** One step of a prescription's way through the saga, once per event, as the patient and doctor see it. */
@Entity
@Table(name = "prescription_timeline")
class TimelineStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Column(name = "event_id")
    private UUID eventId;
    private String type;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @ColumnTransformer(read = "detail::text", write = "cast(cast(? as text) as jsonb)")
    private String detail;

    protected TimelineStep() {
    }

    TimelineStep(UUID prescriptionId, UUID eventId, String type, Instant occurredAt, String detail) {
        this.prescriptionId = prescriptionId;
        this.eventId = eventId;
        this.type = type;
        this.occurredAt = occurredAt;
        this.detail = detail;
    }
}
