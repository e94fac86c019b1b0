package org.ihospital.pharmacy.review;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A prescription waiting for a licensed pharmacist's review before anything can be dispensed. One whose
 * signature does not verify is recorded as INVALID with the reason, and never reaches a pharmacist.
 */
@Entity
@Table(name = "review")
public class Review {

    public enum Status {
        PENDING, WITHDRAWN, INVALID
    }

    @Id
    private UUID id;
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "close_reason")
    private String closeReason;

    protected Review() {
    }

    static Review pending(UUID prescriptionId, Instant receivedAt) {
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.prescriptionId = prescriptionId;
        review.status = Status.PENDING;
        review.receivedAt = receivedAt;
        return review;
    }

    /** A prescription whose signature did not verify: kept with the reason, closed at once, never reviewed. */
    static Review invalid(UUID prescriptionId, String reason, Instant receivedAt) {
        Review review = pending(prescriptionId, receivedAt);
        review.status = Status.INVALID;
        review.closeReason = reason;
        review.closedAt = receivedAt;
        return review;
    }

    /** The prescription was revoked or expired before review: nothing is left to review. */
    void withdraw(String reason, Instant at) {
        if (status != Status.PENDING) {
            return;
        }
        status = Status.WITHDRAWN;
        closeReason = reason;
        closedAt = at;
    }

    public UUID prescriptionId() {
        return prescriptionId;
    }

    public Status status() {
        return status;
    }
}
