package org.ihospital.commons.problem;

/**
 * Another form in which the problems of some paths are answered, for clients of a standard that has its
 * own error document (FHIR's OperationOutcome under {@code /api/v1/fhir/}). {@link ProblemMappers} asks each
 * dialect whether it speaks for the request's path; every other path keeps RFC 9457 problem details.
 */
public interface ProblemDialect {

    /** Whether problems on this request path (as JAX-RS gives it, e.g. {@code /api/v1/fhir/r4/Claim/1}) are said in this dialect. */
    boolean speaks(String path);

    /** The media type of {@link #render}'s body. */
    String mediaType();

    /** The problem (status, title, detail, field errors) as this dialect's body. */
    String render(Problem problem);
}
