package org.ihospital.gateway;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.web.RequestIds;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One request forwarded to a service over the gateway's pooled keep-alive connections, and its answer
 * streamed back (bodies and server-sent events alike), without hop-by-hop headers either way.
 * <p>
 * A pooled connection can be closed by the service at the moment the gateway reuses it (an idle
 * timeout, a restart). A request that carries no body and whose method is idempotent is then sent once
 * more, on a fresh connection of its own (never another pooled one, which could be closing too), when the connection closed before any byte of an answer came back: the
 * service cannot have acted on it twice in a way the method does not allow. Anything else becomes a 502
 * problem, and a service too slow to answer a 504.
 * <p>
 * A caller that goes away stops a response that is still streaming (the service's side is reset), but an
 * upstream exchange that has already completed is left alone: its connection is back in the pool and
 * may already carry another caller's request.
 */
final class Upstream {

    /** RFC 9110 §7.6.1, plus what a proxy must not pass on (Expect, Host: the client sets its own). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect", "host");
    /** Headers the gateway sets itself (ApiProxy, ForwardedHeaders): always forwarded. */
    private static final java.util.List<String> OWN = java.util.List.of(RequestIds.HEADER, ForwardedHeaders.FOR, ForwardedHeaders.PROTO,
            ForwardedHeaders.HOST, "Authorization");
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    /** What became of a forwarded request that has no answer to stream. */
    sealed interface Failure {
        Problem problem();
    }

    record Unavailable(Problem problem) implements Failure {
    }

    record TooSlow(Problem problem) implements Failure {
    }

    private final HttpClient pooled;
    private final HttpClient fresh;
    private final long idleTimeoutMillis;

    /** {@code pooled} keeps connections alive; {@code fresh} opens one per request (for the second try). */
    Upstream(HttpClient pooled, HttpClient fresh, long idleTimeoutMillis) {
        this.pooled = pooled;
        this.fresh = fresh;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /**
     * Sends {@code in} to {@code origin} as {@code target} and streams the answer into {@code out};
     * the future fails with a {@link Failure}'s problem only when nothing was written to {@code out}.
     */
    Future<Void> forward(HttpServerRequest in, HttpServerResponse out, SocketAddress origin, String target) {
        boolean retryable = !hasBody(in) && IDEMPOTENT.contains(in.method());
        return exchange(pooled, in, origin, target)
                .recover(failure -> retryable && closedBeforeAnswer(failure)
                        ? exchange(fresh, in, origin, target)
                        : Future.failedFuture(failure))
                .compose(answer -> relay(in, answer, out));
    }

    private Future<HttpClientResponse> exchange(HttpClient client, HttpServerRequest in, SocketAddress origin, String target) {
        MultiMap headers = endToEnd(in.headers());
        // what the gateway itself states is never dropped, whatever the caller's Connection header names
        OWN.forEach(name -> {
            if (in.headers().contains(name)) {
                headers.set(name, in.headers().get(name));
            }
        });
        RequestOptions options = new RequestOptions().setServer(origin).setMethod(in.method()).setURI(target)
                .setHeaders(headers).setIdleTimeout(idleTimeoutMillis);
        return client.request(options).compose(request -> {
            if (!hasBody(in)) {
                in.resume();
                return request.send();
            }
            if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                request.setChunked(true);
            }
            // a caller that breaks off its upload resets the exchange: a cut body must never look complete,
            // nor leave a half-sent request on a connection that goes back to the pool
            in.pipe().endOnFailure(false).to(request).onFailure(e -> request.reset(0, e));
            return request.response();
        });
    }

    private static Future<Void> relay(HttpServerRequest in, HttpClientResponse answer, HttpServerResponse out) {
        out.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
        MultiMap headers = endToEnd(answer.headers());
        // the gateway's own X-Request-Id (set on arrival) is the one the caller gets, once
        headers.remove(RequestIds.HEADER);
        out.headers().addAll(headers);
        boolean bodiless = answer.statusCode() == 204 || answer.statusCode() == 304
                || answer.request().getMethod() == HttpMethod.HEAD;
        if (!bodiless && !out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        Future<Void> answered = answer.end();
        return answer.pipe().endOnFailure(false).to(out).map(done -> {
            // answered before the caller's body was all sent on (a refusal): that connection must not be reused
            if (hasBody(in) && !in.isEnded()) {
                answer.request().reset();
            }
            return done;
        }).recover(failure -> {
            // the caller left, or the service broke off: stop only what is still under way, and never let a cut
            // answer look complete to the caller
            if (!answered.isComplete()) {
                answer.request().reset();
            }
            if (!out.closed()) {
                out.reset();
            }
            return Future.succeededFuture();
        });
    }

    /** The problem to answer with when the service could not be reached or did not answer. */
    static Failure failureOf(Throwable failure) {
        boolean timeout = failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
        return timeout
                ? new TooSlow(Problem.of("upstream-timeout", 504, "Gateway Timeout", "The service did not answer in time"))
                : new Unavailable(Problem.of("upstream-unavailable", 502, "Bad Gateway",
                        "The service is not available; try again shortly"));
    }

    private static boolean closedBeforeAnswer(Throwable failure) {
        return failure instanceof HttpClosedException
                || failure instanceof java.io.IOException io && String.valueOf(io.getMessage()).contains("reset");
    }

    /** HTTP/1.1 announces a body; HTTP/2 may send one without a length, so there a request that has not ended has one. */
    private static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (in.version() == HttpVersion.HTTP_2) {
            return !in.isEnded() && !"0".equals(length);
        }
        return in.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || length != null && !length.equals("0");
    }

    /** The headers without the hop-by-hop ones, including any that {@code Connection} names. */
    private static MultiMap endToEnd(MultiMap headers) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        for (String named : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String name : named.split(",")) {
                copy.remove(name.trim());
            }
        }
        HOP_BY_HOP.forEach(copy::remove);
        return copy;
    }
}
