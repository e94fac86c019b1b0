package org.ihospital.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.smallrye.openapi.api.util.MergeUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * The one OpenAPI document of the whole API: the services' documents (each from its management port),
 * merged, with the gateway as the one server. Served at {@code /q/openapi} on the gateway's management
 * port (JSON; {@code ?format=yaml} for YAML), Swagger UI beside it; made again at most every 30 s, so a
 * service that was down when it was last made appears once it is up.
 */
@ApplicationScoped
public class ApiDocument {

    private static final Logger LOG = Logger.getLogger(ApiDocument.class);
    private static final Duration FRESH = Duration.ofSeconds(30);

    private final GatewayConfig config;
    private HttpClient client;
    private volatile Made made;

    private record Made(Instant at, String json, String yaml, List<String> missing) {
    }

    public ApiDocument(GatewayConfig config) {
        this.config = config;
    }

    void register(@Observes ManagementInterface management, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
        management.router().get("/q/openapi").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        Made current = made;
        Future<Made> document = current != null && current.at().plus(FRESH).isAfter(Instant.now()) && current.missing().isEmpty()
                ? Future.succeededFuture(current)
                : make();
        document.onSuccess(doc -> {
            boolean yaml = "yaml".equalsIgnoreCase(rc.request().getParam("format"));
            rc.response().putHeader("Content-Type", yaml ? "application/yaml" : "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(yaml ? doc.yaml() : doc.json());
        }).onFailure(e -> rc.response().setStatusCode(503).putHeader("Content-Type", "text/plain")
                .end("The API document could not be made: " + e.getMessage()));
    }

    private Future<Made> make() {
        Map<String, String> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<Future<?>> fetches = new ArrayList<>();
        config.apiDocs().forEach((service, url) -> fetches.add(fetch(url)
                .onSuccess(body -> {
                    synchronized (found) {
                        found.put(service, body);
                    }
                })
                .otherwise(e -> {
                    LOG.warnf("the OpenAPI document of %s (%s) is not available: %s", service, url, e.getMessage());
                    synchronized (missing) {
                        missing.add(service);
                    }
                    return null;
                })));
        return Future.join(fetches).transform(done -> {
            if (found.isEmpty()) {
                return Future.failedFuture("no service answered with its document (" + String.join(", ", missing) + ")");
            }
            // a document that does not parse counts as missing, not as the end of the whole one
            List<OpenAPI> models = new ArrayList<>();
            found.forEach((service, document) -> {
                try {
                    models.add(read(document).model());
                } catch (RuntimeException unreadable) {
                    LOG.warnf("the OpenAPI document of %s does not parse: %s", service, unreadable.getMessage());
                    missing.add(service);
                }
            });
            if (models.isEmpty()) {
                return Future.failedFuture("no service document could be read (" + String.join(", ", missing) + ")");
            }
            SmallRyeOpenAPI merged = mergeModels(models, config.publicUrl(), missing);
            Made doc = new Made(Instant.now(), merged.toJSON(), merged.toYAML(), List.copyOf(missing));
            made = doc;
            return Future.succeededFuture(doc);
        });
    }

    private Future<String> fetch(URI url) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .setIdleTimeout(5_000).addHeader("Accept", "application/json");
        return client.request(options).compose(request -> request.send()).compose(response -> response.statusCode() == 200
                ? response.body().map(Buffer::toString)
                : Future.failedFuture("HTTP " + response.statusCode()));
    }

    /**
     * The services' documents (service name → JSON or YAML) merged into one, with {@code server} as its
     * one server; services whose document is {@code missing} are named in the description.
     */
    public static SmallRyeOpenAPI merge(Map<String, String> documents, String server, List<String> missing) {
        return mergeModels(documents.values().stream().map(document -> read(document).model()).toList(), server, missing);
    }

    private static SmallRyeOpenAPI mergeModels(List<OpenAPI> models, String server, List<String> missing) {
        OpenAPI all = null;
        for (OpenAPI one : models) {
            all = all == null ? one : MergeUtil.merge(all, one);
        }
        if (all == null) {
            throw new IllegalArgumentException("no document to merge");
        }
        all.setInfo(OASFactory.createInfo().title("Internet hospital API").version("1")
                .description("The public API of the internet hospital (consultation, pharmacy, insurance), through the gateway. "
                        + "Every error is RFC 9457 problem details (application/problem+json); every request carries "
                        + "X-Request-Id; instants are RFC 3339 in UTC, clinic days and hours are in Asia/Shanghai."
                        + (missing.isEmpty() ? "" : " Not included (their service did not answer): " + String.join(", ", missing) + "."))
                .contact(OASFactory.createContact().name("Internet hospital maintainers (docs/architecture.md)")));
        all.setServers(List.of(OASFactory.createServer().url(server).description("The gateway")));
        return SmallRyeOpenAPI.builder().withConfig(ConfigProvider.getConfig()).withInitialModel(all)
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false).enableStandardFilter(false)
                .defaultRequiredProperties(false).build();
    }

    private static SmallRyeOpenAPI read(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return SmallRyeOpenAPI.builder().withConfig(ConfigProvider.getConfig())
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false).enableStandardFilter(false)
                .defaultRequiredProperties(false).withCustomStaticFile(() -> new ByteArrayInputStream(bytes)).build();
    }
}
