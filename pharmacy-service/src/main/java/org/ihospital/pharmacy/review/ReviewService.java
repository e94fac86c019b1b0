package org.ihospital.pharmacy.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.commons.signing.HospitalKey;
import org.ihospital.commons.tracing.Traces;
import org.ihospital.contracts.ReferenceData.Severity;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The review queue's use cases: prescriptions join it from consultation-service's events (inside the
 * handler's inbox transaction, so that the inbox record and the change commit together), pharmacists
 * read it oldest first and decide, once per prescription.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    /** A finding as shown: the item lines it concerns as numbers. */
    public record FindingView(Finding.Kind kind, Severity severity, List<Integer> lines, String detail) {
    }

    /** The decision, once taken. */
    public record DecisionView(boolean approved, String reason, String pharmacistId, Instant decidedAt) {
    }

    /** A review as a pharmacist sees it: the prescription as signed, the patient's allergies, the findings, the decision. */
    public record ReviewView(UUID reviewId, UUID prescriptionId, String status, Instant receivedAt, UUID patientId, UUID doctorId,
            Instant issuedAt, Instant expiresAt, String region, List<ReviewItem> items, List<PatientAllergy> allergies,
            List<FindingView> findings, DecisionView decision, String closeReason) {

        static ReviewView of(Review r) {
            boolean decided = r.status() == Review.Status.APPROVED || r.status() == Review.Status.REJECTED;
            return new ReviewView(r.id(), r.prescriptionId(), r.status().name(), r.receivedAt(), r.patientId(), r.doctorId(), r.issuedAt(),
                    r.expiresAt(), r.region(), r.items(), r.allergies(),
                    r.findings().stream().map(f -> new FindingView(f.kind(), f.severity(), f.lineNumbers(), f.detail())).toList(),
                    decided ? new DecisionView(r.status() == Review.Status.APPROVED, r.decisionReason(), r.decidedBy(), r.decidedAt()) : null,
                    decided ? null : r.closeReason());
        }
    }

    /** A page of reviews, and the cursor of the next page (null on the last). */
    public record ReviewPage(List<ReviewView> items, String nextCursor) {
    }

    private final ReviewRepository reviews;
    private final PrescriptionVerifier verifier;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final Counter invalid;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews, PharmacyConfig config, Outbox outbox, Idempotency idempotency, MeterRegistry metrics,
            Clock clock) {
        this.reviews = reviews;
        this.verifier = new PrescriptionVerifier(config.signing().trustedKeys().stream().map(HospitalKey::parse).toList());
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.invalid = Counter.builder("hospital.prescriptions.invalid.signature")
                .description("Issued prescriptions whose signature did not verify: recorded, never shown to a pharmacist")
                .register(metrics);
        this.clock = clock;
    }

    /**
     * Queues an issued prescription for review once its signature verifies, with its screening findings; one
     * that does not verify is recorded as INVALID and reported (metric and log). A prescription already
     * received stays as it is.
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
            List<PatientAllergy> allergies = issued.allergies() == null ? List.of()
                    : issued.allergies().stream().map(a -> new PatientAllergy(a.substance(), a.severity())).toList();
            Review review = Review.pending(result.prescription(), allergies, issued.region(), issued.patientAccount(), clock.instant());
            review.partOfTrace(Traces.current()); // the issued event's trace: the decision continues it
            return reviews.persist(review).replaceWithVoid();
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

    /**
     * Reviews in a status, oldest first, a page at a time (pending: the queue, without expired ones).
     * Prescriptions that did not verify are for operators only.
     */
    @WithTransaction
    public Uni<ReviewPage> list(Caller caller, Review.Status status, String cursor, int limit) {
        if (status == Review.Status.INVALID && !caller.isOperator()) {
            return Uni.createFrom().failure(new ReviewProblems.InvalidOnlyForOperators());
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return reviews.oldestFirst(status, clock.instant(), after, limit)
                .map(found -> Cursor.Page.of(found, limit, Review::receivedAt, Review::id))
                .map(page -> new ReviewPage(page.map(ReviewView::of), page.next()));
    }

    /** One prescription's review; one that did not verify exists for operators only. */
    @WithTransaction
    public Uni<ReviewView> get(Caller caller, UUID prescriptionId) {
        return reviews.findByPrescription(prescriptionId).map(r -> {
            if (r == null || !r.reachesPharmacists() && !caller.isOperator()) {
                throw new ResourceNotFound("review", prescriptionId);
            }
            return ReviewView.of(r);
        });
    }

    /**
     * The pharmacist's one decision, published as {@code prescription.reviewed} in the same transaction. Two
     * pharmacists at once: the row lock makes the second wait and then see the first's decision (409). A
     * retry with the same Idempotency-Key gets the first answer.
     */
    public Uni<Idempotency.Outcome<ReviewView>> decide(Caller caller, UUID prescriptionId, Review.Decision decision, String idempotencyKey) {
        // the key covers the prescription (the route's template does not name it) and the decision
        record Request(UUID prescriptionId, Review.Decision decision) {
        }
        return idempotency.once(caller.subject(), idempotencyKey, false, new Request(prescriptionId, decision), ReviewView.class,
                () -> reviews.lockByPrescription(prescriptionId).chain(r -> {
                    if (r == null || !r.reachesPharmacists()) {
                        return Uni.createFrom().failure(new ResourceNotFound("review", prescriptionId));
                    }
                    r.decide(decision, caller.subject(), clock.instant());
                    return outbox.publish(r).replaceWith(ReviewView.of(r));
                }));
    }
}
