package org.ihospital.consultation.timeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.UnreadableEvent;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.prescription.PrescriptionService;
import org.ihospital.consultation.refill.RefillService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Each prescription's timeline: every step of the saga (its own events and those of pharmacy and
 * insurance), once each, in the order they happened.
 */
@ApplicationScoped
public class TimelineService {

    /** A step as shown. */
    public record Step(String type, Instant at, JsonNode detail) {
    }

    private final TimelineRepository timeline;
    private final PrescriptionService prescriptions;
    private final RefillService refills;
    private final ObjectMapper json;

    public TimelineService(TimelineRepository timeline, PrescriptionService prescriptions, RefillService refills, ObjectMapper json) {
        this.refills = refills;
        this.timeline = timeline;
        this.prescriptions = prescriptions;
        this.json = json;
    }

    /** Records a saga event as a step; every saga event carries its prescription's id. Runs in the inbox transaction. */
    public Uni<StepDetail> record(InboundEvent event) {
        StepDetail detail = event.dataAs(json, StepDetail.class);
        if (detail.prescriptionId() == null) {
            throw new UnreadableEvent("event " + event.id() + " (" + event.type() + ") carries no prescriptionId");
        }
        String summary;
        try {
            summary = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return timeline.persist(new TimelineStep(detail.prescriptionId(), event.id(), event.type().name(), event.time(), summary))
                .replaceWith(detail);
    }

    /** The partner pharmacy dispensed the prescription: recorded, and the prescription can never be dispensed or revoked again. */
    public Uni<Void> dispensed(InboundEvent event) {
        return record(event).chain(detail -> prescriptions.dispensed(detail.prescriptionId()))
                .chain(p -> p == null ? Uni.createFrom().voidItem() : refills.dispensed(p, event.time()));
    }

    /** pharmacy-service confirmed a revocation: recorded, and the prescription is revoked. */
    public Uni<Void> revocationConfirmed(InboundEvent event) {
        return record(event).chain(detail -> prescriptions.revocationConfirmed(detail.prescriptionId()));
    }

    /** pharmacy-service refused a revocation: recorded, and the prescription stands. */
    public Uni<Void> revocationRefused(InboundEvent event) {
        return record(event).chain(detail -> prescriptions.revocationRefused(detail.prescriptionId()));
    }

    @WithTransaction
    public Uni<List<Step>> of(Caller caller, UUID prescription) {
        return prescriptions.mayRead(caller, prescription, "read-timeline", "prescription/" + prescription + "/timeline")
                .chain(() -> timeline.of(prescription))
                .map(rows -> rows.stream().map(r -> new Step(r.type(), r.occurredAt(), tree(r.detail()))).toList());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
