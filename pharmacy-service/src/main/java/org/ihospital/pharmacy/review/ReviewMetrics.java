package org.ihospital.pharmacy.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.metrics.DatabaseMeters;

import io.quarkus.runtime.StartupEvent;

/** The pharmacists' queue as operators watch it: how many prescriptions wait, and how long the oldest has. */
@ApplicationScoped
class ReviewMetrics {

    void register(@Observes StartupEvent started, DatabaseMeters meters) {
        meters.gauge("hospital.review.queue.length", "Prescriptions waiting for a pharmacist's review", null,
                "select count(*) from review where status = 'PENDING'");
        meters.gauge("hospital.review.queue.oldest.age", "How long the oldest prescription in the queue has waited", "seconds",
                "select coalesce(extract(epoch from now() - min(received_at)), 0)::bigint from review where status = 'PENDING'");
    }
}
