package org.ihospital.commons.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.ihospital.commons.web.InvalidParameter;
import org.ihospital.commons.web.RequestIds;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where exceptions become RFC 9457 problem details, for every service. Client errors
 * say what was wrong (with the field errors for bad bodies); an unexpected error answers 500 with a
 * generic body and the request id, and is logged once, with its stack trace, only in the log.
 */
@ApplicationScoped
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;
    private final Instance<ProblemDialect> dialects;

    public ProblemMappers(ObjectMapper json, Instance<ProblemDialect> dialects) {
        this.json = json;
        this.dialects = dialects;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        Problem problem = Problem.of(e.type(), e.status(), e.title(), e.detail()).withExtensions(e.extensions());
        return respond(e.fieldErrors().isEmpty() ? problem : problem.withErrors(e.fieldErrors()), request);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, ContainerRequestContext request) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::onReturnValue)) {
            return unexpected(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(Problem.of("validation", 400, "Invalid request", "The request has invalid fields").withErrors(errors),
                request);
    }

    /** Jackson's own mismatches (unknown field, wrong type) reach here directly; the rest arrive wrapped in a 400. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e, ContainerRequestContext request) {
        return respond(unreadableBody(e), request);
    }

    private static Problem unreadableBody(Throwable e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !isSyntaxError(e)) {
            return Problem.of("validation", 400, "Invalid request", "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError(pathOf(mapping), reasonOf(mapping))));
        }
        // no field to blame: truncated input, or not the expected shape at all (an array for an object)
        return Problem.of("malformed-json", 400, "Malformed JSON", "The body is not well-formed JSON of the expected shape");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            return respond(unreadableBody(unreadable), request);
        }
        if (e instanceof InvalidParameter invalid) {
            return respond(Problem.of("validation", 400, "Invalid request", "The request has invalid parameters")
                    .withErrors(List.of(new Problem.FieldError(invalid.name(), "must be " + invalid.expected()))), request);
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS's answer to a path or query parameter its converter refused: the URL exists, the value is wrong
            return respond(Problem.of("bad-parameter", 400, "Bad Request",
                    "A path or query parameter is not of its type"), request);
        }
        var reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "Request refused" : reason.getReasonPhrase();
        String slug = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = status == 404 ? "No resource at " + request.getUriInfo().getPath() : title;
        return respond(Problem.of(slug, status, title, detail), request);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, ContainerRequestContext request) {
        return Response.fromResponse(respond(unauthorized(), request))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return respond(Problem.of("forbidden", 403, "Forbidden", "Your role does not allow this"), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        LOG.errorf(e, "Unexpected error on %s %s", request.getMethod(), request.getUriInfo().getPath());
        return respond(Problem.of("internal", 500, "Internal error",
                "Something went wrong on our side; quote the request id if you contact support"), request);
    }

    /** The body of every 401, also used by the gateway. */
    public static Problem unauthorized() {
        return Problem.of("unauthorized", 401, "Unauthorized", "A valid bearer token is required");
    }

    private Response respond(Problem problem, ContainerRequestContext request) {
        Problem full = problem.withInstance(request.getUriInfo().getRequestUri().getRawPath())
                .withRequestId(request.getHeaderString(RequestIds.HEADER));
        String path = request.getUriInfo().getPath();
        for (ProblemDialect dialect : dialects) {
            if (dialect.speaks(path)) {
                return Response.status(full.status()).type(dialect.mediaType()).entity(dialect.render(full)).build();
            }
        }
        return Response.status(full.status()).type(Problem.MEDIA_TYPE).entity(render(full)).build();
    }

    /** Serialised here so that the body never depends on which writers the service registered. */
    public String render(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem must always be serialisable", e);
        }
    }

    private static boolean onReturnValue(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.request.items[0].quantity} → {@code items[0].quantity}: drop the method and parameter. */
    static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // an element of a list or map: its index belongs to the container before it (items[0])
                    if (node.isInIterable()) {
                        String position = node.getIndex() != null ? "[" + node.getIndex() + "]"
                                : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                        if (parts.isEmpty()) {
                            parts.add((parameter == null ? "" : parameter) + position);
                        } else {
                            parts.set(parts.size() - 1, parts.get(parts.size() - 1) + position);
                        }
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        parts.add(node.getName());
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "" : parameter;
        }
        return String.join(".", parts);
    }

    /** Jackson wraps a syntax error met while binding a field in a mapping error for that field. */
    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StreamReadException && !(t instanceof JsonMappingException)) {
                return true;
            }
        }
        return false;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String reasonOf(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException format) {
            return "must be " + typeName(format.getTargetType());
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null
                && instantiation.getCause().getMessage() != null) {
            return instantiation.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + typeName(mismatch.getTargetType());
        }
        return "cannot be read";
    }

    private static final Map<Class<?>, String> TYPE_NAMES = Map.ofEntries(
            Map.entry(String.class, "a string"), Map.entry(Integer.class, "an integer"), Map.entry(int.class, "an integer"),
            Map.entry(Long.class, "an integer"), Map.entry(long.class, "an integer"), Map.entry(Boolean.class, "true or false"),
            Map.entry(boolean.class, "true or false"), Map.entry(java.util.UUID.class, "a UUID"),
            Map.entry(java.time.LocalDate.class, "a date (YYYY-MM-DD)"),
            Map.entry(java.time.OffsetDateTime.class, "a date-time with offset (RFC 3339)"),
            Map.entry(java.time.Instant.class, "an instant (RFC 3339)"), Map.entry(List.class, "an array"));

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return TYPE_NAMES.getOrDefault(type, type.isArray() || java.util.Collection.class.isAssignableFrom(type)
                ? "an array" : "an object");
    }
}
