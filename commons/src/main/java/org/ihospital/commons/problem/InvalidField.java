package org.ihospital.commons.problem;

import java.util.List;

/**
 * A field that passed the format checks but is still wrong (an ID-card number whose check character
 * does not match, a date in the past): rendered like a Bean Validation failure.
 */
public class InvalidField extends ProblemException {

    private final String field;

    public InvalidField(String field, String message) {
        super("validation", 400, "Invalid request", message);
        this.field = field;
    }

    @Override
    public List<Problem.FieldError> fieldErrors() {
        return List.of(new Problem.FieldError(field, detail()));
    }
}
