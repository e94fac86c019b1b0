package org.ihospital.consultation.timeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class TimelineRepository implements PanacheRepositoryBase<TimelineStep, Long> {

    /** A step as read back: its type, when it happened, and its detail as JSON text. */
    record Row(String type, Instant occurredAt, String detail) {
    }

    Uni<List<Row>> of(UUID prescription) {
        return getSession().chain(s -> s.createSelectionQuery("""
                select t.type, t.occurredAt, t.detail from TimelineStep t where t.prescriptionId = ?1 order by t.occurredAt, t.id""",
                Row.class).setParameter(1, prescription).getResultList());
    }
}
