package org.ihospital.commons.web;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a UUID in the canonical
 * 8-4-4-4-12 hex form (kept in lower case), a new random UUID otherwise. Anything looser would let a
 * caller choose what lands in logs, events and the services' audit trail (an id that names another
 * request, a marker, an injection attempt), so a malformed id is replaced, never repaired.
 * The id goes into the logging MDC (so every log line of the request carries it), into the response
 * header and into every problem body. It runs as a Vert.x filter, before authentication, so that even
 * a 401 carries it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String CONTEXT_KEY = "ihospital.requestId";
    public static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    void register(@Observes Filters filters) {
        filters.register(this::assign, 1000);
    }

    private void assign(RoutingContext rc) {
        String id = saneOrNew(rc.request().getHeader(HEADER));
        rc.put(CONTEXT_KEY, id);
        rc.request().headers().set(HEADER, id);
        rc.response().headers().set(HEADER, id);
        MDC.put(MDC_KEY, id);
        rc.addEndHandler(done -> MDC.remove(MDC_KEY));
        rc.next();
    }

    /** The id of the request being handled, or {@code null} outside a request. */
    public static String of(RoutingContext rc) {
        if (rc != null && rc.get(CONTEXT_KEY) != null) {
            return rc.get(CONTEXT_KEY);
        }
        Object fromMdc = MDC.get(MDC_KEY);
        return fromMdc == null ? null : fromMdc.toString();
    }

    static String saneOrNew(String candidate) {
        return candidate != null && UUID_FORM.matcher(candidate).matches()
                ? candidate.toLowerCase(Locale.ROOT)
                : UUID.randomUUID().toString();
    }
}
