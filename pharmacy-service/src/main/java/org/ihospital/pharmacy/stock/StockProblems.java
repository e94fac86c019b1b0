package org.ihospital.pharmacy.stock;

import java.util.List;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemException;

final class StockProblems {

    private StockProblems() {
    }

    static final class InvalidStock extends ProblemException {
        private final List<Problem.FieldError> errors;

        InvalidStock(List<Problem.FieldError> errors) {
            super("validation", 400, "Invalid request", "The stock report names drugs or quantities that are not acceptable; nothing was changed");
            this.errors = errors;
        }

        @Override
        public List<Problem.FieldError> fieldErrors() {
            return errors;
        }
    }
}
