package org.ihospital.commons.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code type} is a relative URI {@code /problems/<slug>}, stable
 * per kind of problem; {@code requestId} ties the answer to the server's log lines.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "/problems/";

    /** One invalid field of the request: where it is ({@code items[0].quantity}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(String slug, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null, null, Map.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, requestId, errors, extensions);
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, id, errors, extensions);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors, extensions);
    }

    public Problem withExtensions(Map<String, Object> more) {
        var all = new LinkedHashMap<>(extensions);
        all.putAll(more);
        return new Problem(type, title, status, detail, instance, requestId, errors, Map.copyOf(all));
    }

    @JsonAnyGetter
    Map<String, Object> jsonExtensions() {
        return extensions;
    }
}
