package org.ihospital.pharmacy.review;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The review queue's use cases. Called inside the caller's transaction (the event handler's inbox
 * transaction), so that the inbox record and the change commit together.
 */
@ApplicationScoped
public class ReviewService {

    private final ReviewRepository reviews;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews) {
        this.reviews = reviews;
        this.clock = Clock.systemUTC();
    }

    /** Queues an issued prescription for review; a prescription already queued stays as it is. */
    public Uni<Void> enqueue(UUID prescriptionId) {
        return reviews.findByPrescription(prescriptionId)
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : reviews.persist(Review.pending(prescriptionId, clock.instant())).replaceWithVoid());
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
