package org.ihospital.pharmacy.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;

/**
 * A prescription's review by a licensed pharmacist (审方) before anything can be dispensed: the items as
 * the doctor signed them, the patient's allergies, the automatic screening findings, and one decision.
 * One whose signature does not verify is recorded as INVALID with the reason, and never reaches a pharmacist.
 */
@Entity
@Table(name = "review")
public class Review implements EventSource {

    public enum Status {
        PENDING, APPROVED, REJECTED, WITHDRAWN, INVALID
    }

    /** What the pharmacist decided: approve (with the override reason when there were findings) or reject with a reason. */
    public record Decision(boolean approved, String reason) {
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
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    private String region;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_item", joinColumns = @JoinColumn(name = "review_id"))
    @OrderBy("line")
    private List<ReviewItem> items = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_allergy", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "ordinal")
    private List<PatientAllergy> allergies = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_finding", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "ordinal")
    private List<Finding> findings = new ArrayList<>();
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decision_reason")
    private String decisionReason;
    @Column(name = "patient_account")
    private String patientAccount;
    /** The trace of the prescription's flow (W3C traceparent), continued by later steps on this aggregate. */
    private String traceparent;

    @Transient
    private final RecordedEvents events = new RecordedEvents();

    protected Review() {
    }

    /** Joins the flow's trace: later requests on this aggregate write their events in it. */
    void partOfTrace(String traceparent) {
        this.traceparent = traceparent;
    }

    @Override
    public String traceparent() {
        return traceparent;
    }

    /**
     * A verified prescription joins the queue with its screening findings.
     *
     * @param allergies the patient's active allergies, as the issued event reported them
     * @param region    the patient's administrative division, where delivery will go (may be null)
     * @param patientAccount the account that owns the patient record (token subject), who may order it (may be null)
     */
    static Review pending(SignedPrescription signed, List<PatientAllergy> allergies, String region, String patientAccount, Instant receivedAt) {
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.prescriptionId = signed.prescriptionId();
        review.status = Status.PENDING;
        review.receivedAt = receivedAt;
        review.patientId = signed.patientId();
        review.doctorId = signed.doctorId();
        review.issuedAt = signed.issuedAt();
        review.expiresAt = signed.expiresAt();
        review.region = region;
        review.patientAccount = patientAccount;
        review.items.addAll(signed.items().stream().map(ReviewItem::of).toList());
        review.allergies.addAll(allergies);
        review.findings.addAll(PrescriptionScreening.screen(review.items, review.allergies));
        return review;
    }

    /** A prescription whose signature did not verify: kept with the reason, closed at once, never reviewed. */
    static Review invalid(UUID prescriptionId, String reason, Instant receivedAt) {
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.prescriptionId = prescriptionId;
        review.status = Status.INVALID;
        review.receivedAt = receivedAt;
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

    /**
     * The one decision on this prescription. A rejection gives its reason; an approval over screening
     * findings gives the override reason, kept with the pharmacist and the time.
     *
     * @throws ReviewProblems.AlreadyDecided    when a pharmacist decided before
     * @throws ReviewProblems.NoLongerReviewable when it was withdrawn or has expired
     */
    void decide(Decision decision, String pharmacist, Instant now) {
        if (status == Status.APPROVED || status == Status.REJECTED) {
            throw new ReviewProblems.AlreadyDecided(prescriptionId, status);
        }
        if (status != Status.PENDING) {
            throw new ReviewProblems.NoLongerReviewable(prescriptionId, closeReason);
        }
        if (!now.isBefore(expiresAt)) {
            throw new ReviewProblems.NoLongerReviewable(prescriptionId, "expired at " + expiresAt);
        }
        String reason = decision.reason() == null || decision.reason().isBlank() ? null : decision.reason().strip();
        if (!decision.approved() && reason == null) {
            throw new ReviewProblems.ReasonRequired();
        }
        if (decision.approved() && !findings.isEmpty() && reason == null) {
            throw new ReviewProblems.OverrideReasonRequired(prescriptionId, findings.size());
        }
        status = decision.approved() ? Status.APPROVED : Status.REJECTED;
        decidedBy = pharmacist;
        decidedAt = now;
        decisionReason = reason;
        closedAt = now;
        events.record(ReviewEvents.reviewed(this));
    }

    /** Whether a pharmacist may see it: every review but one whose prescription did not verify. */
    boolean reachesPharmacists() {
        return status != Status.INVALID;
    }

    @Override
    public List<PendingEvent> drainEvents() {
        return events.drain();
    }

    public UUID id() {
        return id;
    }

    public UUID prescriptionId() {
        return prescriptionId;
    }

    public Status status() {
        return status;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closeReason() {
        return closeReason;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String region() {
        return region;
    }

    public String patientAccount() {
        return patientAccount;
    }

    public List<ReviewItem> items() {
        return List.copyOf(items);
    }

    public List<PatientAllergy> allergies() {
        return List.copyOf(allergies);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }
}
