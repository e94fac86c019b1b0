package org.ihospital.pharmacy.review;

import java.util.List;
import java.util.UUID;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemException;

/** What can go wrong with a review, as problem types. */
final class ReviewProblems {

    private ReviewProblems() {
    }

    static final class AlreadyDecided extends ProblemException {
        AlreadyDecided(UUID prescription, Review.Status status) {
            super("review-already-decided", 409, "Review already decided",
                    "Prescription " + prescription + " was already " + status.name().toLowerCase() + " by a pharmacist; a review has one decision");
        }
    }

    static final class NoLongerReviewable extends ProblemException {
        NoLongerReviewable(UUID prescription, String why) {
            super("review-withdrawn", 409, "Prescription no longer under review",
                    "Prescription " + prescription + " left the review queue: " + why);
        }
    }

    static final class ReasonRequired extends ProblemException {
        ReasonRequired() {
            super("validation", 400, "Invalid request", "A rejection needs its reason, which the doctor and the patient see");
        }

        @Override
        public List<Problem.FieldError> fieldErrors() {
            return List.of(new Problem.FieldError("reason", "must not be blank when rejecting"));
        }
    }

    static final class OverrideReasonRequired extends ProblemException {
        OverrideReasonRequired(UUID prescription, int findings) {
            super("override-reason-required", 422, "Override reason required",
                    "Prescription " + prescription + " has " + findings + " screening finding(s); approving over them needs the override reason in 'reason'");
        }
    }

    static final class InvalidOnlyForOperators extends ProblemException {
        InvalidOnlyForOperators() {
            super("forbidden", 403, "Forbidden", "Prescriptions whose signature did not verify are listed for operators only");
        }
    }
}
