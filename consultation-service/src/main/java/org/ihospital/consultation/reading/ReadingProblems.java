package org.ihospital.consultation.reading;

import java.util.List;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemException;

/** What can be wrong with a reading a patient or device sends. */
final class ReadingProblems {

    private ReadingProblems() {
    }

    /** A unit that is not the kind's, or a value no living person shows: the whole batch is refused, nothing is stored. */
    static final class ImplausibleReading extends ProblemException {

        private final List<String> reasons;
        private final String prefix;

        ImplausibleReading(List<String> reasons) {
            this(reasons, "");
        }

        private ImplausibleReading(List<String> reasons, String prefix) {
            super("implausible-reading", 422, "Implausible reading", String.join("; ", reasons.stream().map(r -> prefix + r).toList()));
            this.reasons = List.copyOf(reasons);
            this.prefix = prefix;
        }

        /** The same refusal, for the reading at this index of a batch. */
        ImplausibleReading at(int index) {
            return new ImplausibleReading(reasons, "readings[" + index + "].");
        }

        @Override
        public List<Problem.FieldError> fieldErrors() {
            return reasons.stream().map(r -> {
                int colon = r.indexOf(':');
                return new Problem.FieldError(prefix + (colon > 0 ? r.substring(0, colon) : "value"),
                        colon > 0 ? r.substring(colon + 1).strip() : r);
            }).toList();
        }
    }
}
