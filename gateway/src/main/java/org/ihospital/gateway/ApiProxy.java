package org.ihospital.gateway;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemMappers;
import org.ihospital.commons.web.RequestIds;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards {@code /api/v1/**} to the service that owns the first path segment ({@link Upstream} does the
 * exchange). The token is verified before anything is forwarded; the request id travels on in
 * {@code X-Request-Id}, and the {@code Authorization} header too, because every service verifies the
 * token again.
 * <p>
 * The path that decides the service is the one that is forwarded: the normalized path (dot segments,
 * also percent-encoded ones, removed; empty segments collapsed), so that
 * {@code /api/v1/reviews/../appointments} is checked, routed and sent as {@code /api/v1/appointments}.
 * WebSocket upgrades are not tunnelled (the Upgrade header is hop-by-hop and dropped): no service offers one.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    private final Routes routes;
    /** Full paths forwarded without a token (the service checks the caller's signature). */
    private final java.util.Set<String> signedCallbacks;
    private final ProblemMappers problems;
    private final GatewayConfig config;
    private Upstream upstream;

    public ApiProxy(GatewayConfig config, ProblemMappers problems) {
        this.routes = new Routes(config);
        this.signedCallbacks = config.signedCallbacks().stream().map(p -> "/api/v1/" + p).collect(java.util.stream.Collectors.toSet());
        this.problems = problems;
        this.config = config;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient pooled = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                // a pooled connection is let go before a service would close it as idle (Quarkus: 30 min)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
        HttpClient fresh = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(50)
                .setKeepAlive(false)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
        upstream = new Upstream(pooled, fresh, config.upstreamTimeout().toMillis());
        router.route("/api/v1/*").handler(this::forward);
    }

    /** Seconds an unused pooled connection to a service is kept. */
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private void forward(RoutingContext rc) {
        String path = rc.normalizedPath();
        Optional<SocketAddress> origin = routes.resolve(path);
        if (origin.isEmpty()) {
            reply(rc, Problem.of("not-found", 404, "Not Found", "No API at " + path));
            return;
        }
        String query = rc.request().query();
        String target = query == null ? path : path + "?" + query;
        // hold the body until the exchange streams it on (after the token check, when there is one)
        rc.request().pause();
        if (signedCallbacks.contains(path)) {
            // no token to check: the service checks the caller's signature
            send(rc, origin.get(), path, target);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                reply(rc, ProblemMappers.unauthorized());
                return;
            }
            send(rc, origin.get(), path, target);
        }, failure -> reply(rc, ProblemMappers.unauthorized()));
    }

    private void send(RoutingContext rc, SocketAddress origin, String path, String target) {
        rc.request().headers().set(RequestIds.HEADER, RequestIds.of(rc));
        ForwardedHeaders.replace(rc.request());
        upstream.forward(rc.request(), rc.response(), origin, target).onFailure(failure -> {
            LOG.warnf("upstream for %s failed: %s", path, failure.toString());
            reply(rc, Upstream.failureOf(failure).problem().withInstance(path));
        });
    }

    private void reply(RoutingContext rc, Problem problem) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        rc.request().resume();
        var response = rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        Problem located = problem.instance() == null ? problem.withInstance(rc.request().path()) : problem;
        response.end(problems.render(located.withRequestId(RequestIds.of(rc))));
    }
}
