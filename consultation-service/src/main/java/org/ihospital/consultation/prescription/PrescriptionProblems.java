package org.ihospital.consultation.prescription;

import java.util.List;
import java.util.UUID;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemException;

final class PrescriptionProblems {

    private PrescriptionProblems() {
    }

    static final class InvalidItems extends ProblemException {
        private final List<Problem.FieldError> errors;

        InvalidItems(List<Problem.FieldError> errors) {
            super("validation", 400, "Invalid request", "The prescription's items are not acceptable");
            this.errors = errors;
        }

        @Override
        public List<Problem.FieldError> fieldErrors() {
            return errors;
        }
    }

    static final class ConsultationNotCompleted extends ProblemException {
        ConsultationNotCompleted(UUID consultation) {
            super("consultation-not-completed", 409, "Consultation not completed",
                    "Complete consultation " + consultation + " (with its diagnoses) before prescribing");
        }
    }

    static final class NotRevocable extends ProblemException {
        NotRevocable(UUID prescription, String status) {
            super("prescription-not-revocable", 409, "Prescription cannot be revoked",
                    "Prescription " + prescription + " is " + status.toLowerCase().replace('_', ' ')
                            + "; only an issued, undispensed one can be revoked");
        }
    }

    static final class NotRenewable extends ProblemException {
        NotRenewable(UUID prescription, String status) {
            super("prescription-not-renewable", 409, "Prescription cannot be renewed",
                    "Prescription " + prescription + " is " + status.toLowerCase().replace('_', ' ')
                            + "; only a dispensed or expired one is renewed");
        }
    }

    static final class RenewedAlready extends ProblemException {
        RenewedAlready(UUID prescription, UUID renewal) {
            super("prescription-renewed-already", 409, "Prescription renewed already",
                    "Prescription " + prescription + " was renewed by " + renewal + ", which is still live; renew that one once it was dispensed");
        }
    }

    static final class RenewalNeedsAFollowUp extends ProblemException {
        RenewalNeedsAFollowUp(UUID prescription, UUID consultation) {
            super("renewal-needs-a-follow-up", 422, "A renewal needs a follow-up visit",
                    "Consultation " + consultation + " was opened before prescription " + prescription
                            + " was issued; a prescription is renewed after a later visit");
        }
    }
}
