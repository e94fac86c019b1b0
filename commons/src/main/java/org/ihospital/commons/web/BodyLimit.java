package org.ihospital.commons.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemMappers;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is a 413 problem that names the limit, like every
 * other refusal: announced by its {@code Content-Length}, it is refused before a byte of it is read;
 * streamed without one, when the limit is crossed. Over HTTP/1.1 the connection is closed, since the
 * rest of the body is not read; over HTTP/2 only the stream ends.
 */
@ApplicationScoped
public class BodyLimit {

    private final ProblemMappers problems;
    private final long maxBytes;

    public BodyLimit(ProblemMappers problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.problems = problems;
        this.maxBytes = max.asLongValue();
    }

    void register(@Observes Filters filters) {
        // after RequestIds (1000), so that the refusal carries the request id
        filters.register(this::check, 990);
    }

    void onFailure(@Observes Router router) {
        router.errorHandler(413, this::refuse);
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            refuse(rc);
            return;
        }
        rc.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // not ours to judge: the HTTP layer refuses a malformed length
        }
    }

    private void refuse(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        Problem problem = Problem.of("body-too-large", 413, "Content Too Large",
                "The request body may be at most " + describe(maxBytes))
                .withExtensions(java.util.Map.of("maxBytes", maxBytes))
                .withInstance(rc.request().path()).withRequestId(RequestIds.of(rc));
        boolean http1 = rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
        var response = rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (http1) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        // HTTP/1.1: the unread rest of the body would be taken for the next request, so the connection goes;
        // HTTP/2: the answer ends this stream only, the connection's other streams go on
        response.end(problems.render(problem)).onComplete(done -> {
            if (http1) {
                rc.request().connection().close();
            }
        });
    }

    private static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB (" + bytes + " bytes)";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }
}
