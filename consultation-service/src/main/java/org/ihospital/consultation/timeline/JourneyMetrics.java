package org.ihospital.consultation.timeline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.metrics.DatabaseMeters;

import io.quarkus.runtime.StartupEvent;

/**
 * How prescriptions' journeys end, from the timeline that follows them all: delivered to the patient, or
 * stopped (a pharmacist rejected it, no pharmacy could deliver it, the order was cancelled, the prescription
 * expired or was revoked). A journey that met two ends (cancelled, then revoked) counts under both.
 */
@ApplicationScoped
class JourneyMetrics {

    void register(@Observes StartupEvent started, DatabaseMeters meters) {
        meters.counters("hospital.journeys.completed", "Prescriptions delivered to the patient", "outcome", List.of("delivered"),
                "select 'delivered', count(distinct prescription_id) from prescription_timeline where type = 'order.delivered'");
        meters.counters("hospital.journeys.failed", "Prescriptions whose journey stopped before delivery, by reason", "reason",
                List.of("review-rejected", "unroutable", "cancelled", "expired", "revoked"), """
                select case type when 'prescription.reviewed' then 'review-rejected' when 'order.unroutable' then 'unroutable'
                                 when 'order.cancelled' then 'cancelled' when 'prescription.expired' then 'expired'
                                 else 'revoked' end as reason,
                       count(distinct prescription_id)
                from prescription_timeline
                where type in ('order.unroutable', 'order.cancelled', 'prescription.expired', 'prescription.revoked')
                   or (type = 'prescription.reviewed' and detail ->> 'approved' = 'false')
                group by 1""");
    }
}
