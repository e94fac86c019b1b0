package org.ihospital.consultation.consult;

import java.util.UUID;

import org.ihospital.commons.problem.ProblemException;

public final class ConsultationProblems {

    private ConsultationProblems() {
    }

    static final class AlreadyCompleted extends ProblemException {
        AlreadyCompleted(UUID consultation) {
            super("consultation-completed", 409, "Consultation completed", "Consultation " + consultation + " is completed");
        }
    }

    static final class DiagnosisRequired extends ProblemException {
        DiagnosisRequired(UUID consultation) {
            super("diagnosis-required", 422, "Diagnosis required", "Record at least one diagnosis before completing consultation " + consultation);
        }
    }

    static final class EmptyMessage extends ProblemException {
        EmptyMessage() {
            super("empty-message", 400, "Empty message", "A message has text, images, or both");
        }
    }

    static final class UnacceptableImage extends ProblemException {
        UnacceptableImage(String detail) {
            super("unacceptable-image", 400, "Unacceptable image", detail);
        }
    }
}
