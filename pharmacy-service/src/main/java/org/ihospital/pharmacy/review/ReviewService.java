package org.ihospital.pharmacy.review;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.signing.HospitalKey;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The review queue's use cases. Called inside the caller's transaction (the event handler's inbox
 * transaction), so that the inbox record and the change commit together.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final ReviewRepository reviews;
    private final PrescriptionVerifier verifier;
    private final Counter invalid;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews, PharmacyConfig config, MeterRegistry metrics, Clock clock) {
        this.reviews = reviews;
        this.verifier = new PrescriptionVerifier(config.signing().trustedKeys().stream().map(HospitalKey::parse).toList());
        this.invalid = Counter.builder("hospital.prescriptions.invalid.signature")
                .description("Issued prescriptions whose signature did not verify: recorded, never shown to a pharmacist")
                .register(metrics);
        this.clock = clock;
    }

    /**
     * Queues an issued prescription for review once its signature verifies; one that does not verify is
     * recorded as INVALID and reported (metric and log). A prescription already received stays as it is.
     */
    public Uni<Void> receive(PrescriptionIssued issued) {
        return reviews.findByPrescription(issued.prescriptionId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            var result = verifier.verify(issued);
            if (!result.valid()) {
                invalid.increment();
                LOG.warnf("Prescription %s does not verify (%s): recorded as INVALID, not queued for review", issued.prescriptionId(),
                        result.reason());
                return reviews.persist(Review.invalid(issued.prescriptionId(), result.reason(), clock.instant())).replaceWithVoid();
            }
            return reviews.persist(Review.pending(issued.prescriptionId(), clock.instant())).replaceWithVoid();
        });
    }

    /** Takes a revoked or expired prescription off the queue if it is still waiting. */
    public Uni<Void> withdraw(UUID prescriptionId, String reason) {
        return reviews.findByPrescription(prescriptionId)
                .invoke(review -> {
                    if (review != null) {
                        review.withdraw(reason, clock.instant());
                    }
                })
                .replaceWithVoid();
    }
}
