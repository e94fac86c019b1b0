package org.ihospital.pharmacy.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What orders may ask of reviews: an approved prescription, as the doctor signed it and the pharmacist approved it. */
@ApplicationScoped
public class ReviewQueries {

    /** One medicine to dispense. */
    public record Item(int line, String drugCode, int quantity) {
    }

    /** An approved prescription: whose it is, until when it may be dispensed, where it is delivered, what it holds. */
    public record Approved(UUID prescriptionId, UUID patientId, String patientAccount, Instant expiresAt, String region, List<Item> items,
            String traceparent) {
    }

    private final ReviewRepository reviews;

    public ReviewQueries(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    /** The prescription if a pharmacist approved it; empty otherwise (pending, rejected, withdrawn, unknown). Runs in the caller's session. */
    public Uni<Optional<Approved>> approved(UUID prescriptionId) {
        return reviews.findByPrescription(prescriptionId).map(r -> Optional.ofNullable(r)
                .filter(review -> review.status() == Review.Status.APPROVED)
                .map(review -> new Approved(review.prescriptionId(), review.patientId(), review.patientAccount(), review.expiresAt(),
                        review.region(), review.items().stream().map(i -> new Item(i.line(), i.drugCode(), i.quantity())).toList(),
                        review.traceparent())));
    }
}
