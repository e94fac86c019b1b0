package org.ihospital.commons.problem;

import java.util.Map;

/**
 * A refusal that the client caused and can understand. Each service's problems extend it with a stable
 * {@code type} (a short slug, rendered as {@code /problems/<slug>}), the HTTP status and a title; the
 * central mapper renders them as RFC 9457 problem details. No JAX-RS here: domain code may throw it.
 */
public abstract class ProblemException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;

    protected ProblemException(String type, int status, String title, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.title = title;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The fields at fault, for a problem about the request's content; empty otherwise. */
    public java.util.List<Problem.FieldError> fieldErrors() {
        return java.util.List.of();
    }

    /** Extra members of the problem body, e.g. the id of the conflicting resource. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
