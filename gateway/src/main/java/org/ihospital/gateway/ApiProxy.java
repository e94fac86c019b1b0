package org.ihospital.gateway;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ProblemMappers;
import org.ihospital.commons.web.RequestIds;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards {@code /api/v1/**} to the service that owns the first path segment, with Vert.x's reverse
 * proxy (bodies and server-sent events are streamed, hop-by-hop headers dropped). The token is
 * verified before anything is forwarded; the request id travels on in {@code X-Request-Id}, and the
 * {@code Authorization} header too, because every service verifies the token again.
 * <p>
 * The path that decides the service is the one that is forwarded: the normalized path (dot segments,
 * also percent-encoded ones, removed), so that {@code /api/v1/reviews/../appointments} is checked,
 * routed and sent as {@code /api/v1/appointments}. WebSocket upgrades are not tunnelled: the proxy would
 * tunnel them past the interceptors with the raw path and every header, and no service offers one.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final ProxyOptions NO_WEBSOCKETS = new ProxyOptions().setSupportWebSocket(false);

    private final Routes routes;
    private final ProblemMappers problems;
    private final GatewayConfig config;
    private final ProxyInterceptor upstreamFailure = new UpstreamFailure();
    private HttpClient client;

    public ApiProxy(GatewayConfig config, ProblemMappers problems) {
        this.routes = new Routes(config);
        this.problems = problems;
        this.config = config;
    }

    void register(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setConnectTimeout(5_000));
        router.route("/api/v1/*").handler(this::forward);
    }

    private void forward(RoutingContext rc) {
        String path = rc.normalizedPath();
        Optional<SocketAddress> origin = routes.resolve(path);
        if (origin.isEmpty()) {
            reply(rc, Problem.of("not-found", 404, "Not Found", "No API at " + path));
            return;
        }
        String query = rc.request().query();
        String target = query == null ? path : path + "?" + query;
        // hold the body until the token is verified; the proxy resumes it when it streams it on
        rc.request().pause();
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                reply(rc, ProblemMappers.unauthorized());
                return;
            }
            rc.request().headers().set(RequestIds.HEADER, RequestIds.of(rc));
            ForwardedHeaders.replace(rc.request());
            proxyTo(origin.get(), target).handle(rc.request());
        }, failure -> reply(rc, ProblemMappers.unauthorized()));
    }

    /** A proxy for this one request: cheap to make, and it carries where the request goes and as what. */
    private HttpProxy proxyTo(SocketAddress origin, String target) {
        return HttpProxy.reverseProxy(NO_WEBSOCKETS, client)
                .origin(ctx -> ctx.client().request(new RequestOptions().setServer(origin)
                        .setIdleTimeout(config.upstreamTimeout().toMillis())))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        context.request().setURI(target);
                        return context.sendRequest();
                    }
                })
                .addInterceptor(upstreamFailure);
    }

    private void reply(RoutingContext rc, Problem problem) {
        if (rc.response().ended()) {
            return;
        }
        rc.request().resume();
        var response = rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(problems.render(problem.withInstance(rc.request().path()).withRequestId(RequestIds.of(rc))));
    }

    /** A service that is down or too slow becomes a 502/504 problem instead of an empty error page. */
    private final class UpstreamFailure implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof java.util.concurrent.TimeoutException
                        || failure instanceof io.netty.handler.timeout.TimeoutException
                        || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
                String requestId = context.request().headers().get(RequestIds.HEADER);
                LOG.warnf("upstream for %s failed: %s", context.request().getURI(), failure.toString());
                Problem problem = (timeout
                        ? Problem.of("upstream-timeout", 504, "Gateway Timeout", "The service did not answer in time")
                        : Problem.of("upstream-unavailable", 502, "Bad Gateway", "The service is not available; try again shortly"))
                        .withInstance(context.request().getURI().replaceAll("\\?.*", "")).withRequestId(requestId);
                ProxyResponse response = context.request().response()
                        .setStatusCode(problem.status())
                        .setStatusMessage(problem.title())
                        .setBody(Body.body(Buffer.buffer(problems.render(problem))));
                response.headers().clear();
                response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
                return Future.succeededFuture(response);
            });
        }
    }
}
