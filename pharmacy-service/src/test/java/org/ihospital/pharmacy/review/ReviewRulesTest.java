package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.amlodipine;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.line;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.prescription;

import java.time.Instant;
import java.util.List;

import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.testing.TestSigning;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One decision per prescription, with the reasons a pharmacist owes: the review's rules without a server. */
class ReviewRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final PrescriptionVerifier VERIFIER = new PrescriptionVerifier(TestSigning.trusted());

    private static Review pending(IssuedPrescriptions.Builder rx) {
        var issued = rx.issued();
        var verified = VERIFIER.verify(issued);
        assertThat(verified.valid()).isTrue();
        return Review.pending(verified.prescription(), issued.allergies().stream().map(a -> new PatientAllergy(a.substance(), a.severity())).toList(),
                issued.region(), issued.patientAccount(), Instant.now());
    }

    private static Review withFindings() {
        return pending(prescription(line("ENALAPRIL-10MG-TAB", 60, "1", "BID", 30), line("LOSARTAN-50MG-TAB", 30, "1", "QD", 30)));
    }

    private static String data(PendingEvent event) throws Exception {
        return JSON.writeValueAsString(event.data());
    }

    @Test
    void approvingAPrescriptionWithoutFindingsPublishesTheReviewOnce() throws Exception {
        Review review = pending(prescription(amlodipine()));
        review.decide(new Review.Decision(true, null), "pharmacist-sub", Instant.now());

        assertThat(review.status()).isEqualTo(Review.Status.APPROVED);
        List<PendingEvent> events = review.drainEvents();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo("pharmacy.reviews");
            assertThat(e.type()).hasToString("hospital.prescription.reviewed.v1");
            assertThat(e.subject()).isEqualTo(review.prescriptionId().toString());
        });
        String data = data(events.get(0));
        assertThat(EventContracts.violations("hospital.prescription.reviewed.v1", data)).isEmpty();
        assertThat(JSON.readTree(data).path("approved").asBoolean()).isTrue();
        assertThat(JSON.readTree(data).path("items").get(0).path("drugCode").asText()).isEqualTo("AMLODIPINE-5MG-TAB");
    }

    @Test
    void approvingOverAFindingNeedsTheOverrideReasonWhichIsKept() throws Exception {
        Review review = withFindings();
        assertThatThrownBy(() -> review.decide(new Review.Decision(true, "  "), "pharmacist-sub", Instant.now()))
                .isInstanceOf(ReviewProblems.OverrideReasonRequired.class);
        assertThat(review.status()).isEqualTo(Review.Status.PENDING);
        assertThat(review.drainEvents()).isEmpty();

        review.decide(new Review.Decision(true, "resistant hypertension, nephrologist agreed; potassium checked weekly"), "pharmacist-sub",
                Instant.now());
        assertThat(review.decisionReason()).startsWith("resistant hypertension");
        assertThat(review.decidedBy()).isEqualTo("pharmacist-sub");
        String data = data(review.drainEvents().get(0));
        assertThat(EventContracts.violations("hospital.prescription.reviewed.v1", data)).isEmpty();
        assertThat(JSON.readTree(data).path("overriddenFindings").get(0).path("kind").asText()).isEqualTo("INTERACTION");
    }

    @Test
    void aRejectionNeedsItsReason() {
        Review review = pending(prescription(amlodipine()));
        assertThatThrownBy(() -> review.decide(new Review.Decision(false, null), "pharmacist-sub", Instant.now()))
                .isInstanceOf(ReviewProblems.ReasonRequired.class);
        assertThat(review.status()).isEqualTo(Review.Status.PENDING);

        review.decide(new Review.Decision(false, "duplicate of last week's prescription"), "pharmacist-sub", Instant.now());
        assertThat(review.status()).isEqualTo(Review.Status.REJECTED);
    }

    @Test
    void aReviewHasOneDecision() {
        Review review = pending(prescription(amlodipine()));
        review.decide(new Review.Decision(true, null), "first", Instant.now());
        assertThatThrownBy(() -> review.decide(new Review.Decision(false, "changed my mind"), "second", Instant.now()))
                .isInstanceOf(ReviewProblems.AlreadyDecided.class);
        assertThat(review.status()).isEqualTo(Review.Status.APPROVED);
        assertThat(review.decidedBy()).isEqualTo("first");
    }

    @Test
    void aWithdrawnOrExpiredPrescriptionCannotBeDecided() {
        Review withdrawn = pending(prescription(amlodipine()));
        withdrawn.withdraw("revoked by the doctor", Instant.now());
        assertThatThrownBy(() -> withdrawn.decide(new Review.Decision(true, null), "p", Instant.now()))
                .isInstanceOf(ReviewProblems.NoLongerReviewable.class).hasMessageContaining("revoked by the doctor");

        var rx = prescription(amlodipine());
        Review expiring = pending(rx);
        assertThatThrownBy(() -> expiring.decide(new Review.Decision(true, null), "p", rx.expiresAt))
                .isInstanceOf(ReviewProblems.NoLongerReviewable.class);
        assertThat(expiring.status()).isEqualTo(Review.Status.PENDING);
    }

    @Test
    void aDecidedReviewIsNotWithdrawnByALateRevocation() {
        Review review = pending(prescription(amlodipine()));
        review.decide(new Review.Decision(true, null), "p", Instant.now());
        review.withdraw("revoked by the doctor", Instant.now());
        assertThat(review.status()).isEqualTo(Review.Status.APPROVED);
    }

    @Test
    void theFindingsAreComputedWhenThePrescriptionArrives() {
        Review review = pending(prescription(amlodipine()).allergy("amlodipine", "SEVERE"));
        assertThat(review.findings()).singleElement().extracting(Finding::kind).isEqualTo(Finding.Kind.ALLERGY);
        assertThat(review.allergies()).containsExactly(new PatientAllergy("amlodipine", "SEVERE"));
    }
}
