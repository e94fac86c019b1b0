package org.ihospital.pharmacy.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Failures;
import org.ihospital.commons.queue.Passes;
import org.ihospital.commons.queue.RetrySchedule;
import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;
import org.ihospital.pharmacy.partner.PartnerQueries;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * Sends queued webhooks. A pass claims due deliveries (a lease in the database, so replicas share the
 * queue and a crash loses nothing), sends each outside any transaction, signed with every secret the
 * partner's rotation keeps valid, and records the outcome: a 2xx delivers, anything else (an error
 * status, a refused connection, no answer within the time-out) waits for the retry schedule. Each
 * partner has its own few slots in flight, so a slow or dead partner never delays another's webhooks.
 * Passes run on the poll, and again as soon as a send finishes.
 */
@ApplicationScoped
public class WebhookDispatchService {

    private static final Logger LOG = Logger.getLogger(WebhookDispatchService.class);

    private final WebhookRepository deliveries;
    private final PartnerQueries partners;
    private final PharmacyConfig.Webhooks config;
    private final RetrySchedule schedule;
    private final Vertx vertx;
    private final HttpClient http;
    private final Clock clock;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Passes passes;
    private final Counter delivered;
    private final Counter attemptsFailed;
    private final Counter failed;

    public WebhookDispatchService(WebhookRepository deliveries, PartnerQueries partners, PharmacyConfig config, Vertx vertx, Clock clock,
            MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.partners = partners;
        this.config = config.webhooks();
        this.schedule = new RetrySchedule(config.webhooks().retrySchedule(), config.webhooks().jitter());
        this.vertx = vertx;
        this.clock = clock;
        this.passes = new Passes(vertx, "Webhook dispatch", this::pass);
        int timeout = (int) config.webhooks().timeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setIdleTimeout(timeout)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS).setKeepAlive(true).setMaxPoolSize(config.webhooks().inFlightPerPartner())
                .setMaxRedirects(0));
        this.delivered = Counter.builder("hospital.webhooks.delivered").description("Webhooks a partner acknowledged").register(metrics);
        this.attemptsFailed = Counter.builder("hospital.webhooks.attempts.failed")
                .description("Webhook attempts that were not acknowledged (each is retried until the schedule ends)").register(metrics);
        this.failed = Counter.builder("hospital.webhooks.failed")
                .description("Webhooks that failed for good after the last retry: they wait for an operator's replay").register(metrics);
    }

    @PreDestroy
    void close() {
        http.closeAndAwait();
    }

    @Scheduled(every = "${hospital.pharmacy.webhooks.poll-interval:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Runs a pass now, or right after the running one. */
    void wake() {
        passes.wake();
    }

    /** Claims what is due and starts sending it; answers how many it claimed. */
    private Uni<Integer> pass() {
        int slots = config.inFlightPerPartner();
        List<UUID> busy = inFlight.entrySet().stream().filter(e -> e.getValue().get() >= slots).map(Map.Entry::getKey).toList();
        Duration lease = config.timeout().multipliedBy(2).plusSeconds(5);
        return deliveries.claim(busy, slots, config.batchSize(), lease).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            var byPartner = claimed.stream().collect(java.util.stream.Collectors.groupingBy(WebhookRepository.Claimed::partnerId));
            return io.smallrye.mutiny.Multi.createFrom().iterable(byPartner.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> partners.endpoint(e.getKey()).invoke(endpoint -> e.getValue().forEach(d -> {
                        inFlight.computeIfAbsent(d.partnerId(), k -> new AtomicInteger()).incrementAndGet();
                        send(d, endpoint);
                    })))
                    .collect().asList().map(done -> claimed.size());
        });
    }

    private void send(WebhookRepository.Claimed d, PartnerQueries.Endpoint endpoint) {
        Instant start = clock.instant();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Uni<Integer> exchange;
        if (endpoint == null || endpoint.secrets().isEmpty()) {
            exchange = Uni.createFrom().failure(new IllegalStateException("the partner has no endpoint or no valid secret"));
        } else {
            long timestamp = start.getEpochSecond();
            String signature = WebhookSignature.sign(endpoint.secrets(), d.messageId(), timestamp, d.payload());
            exchange = http.request(new RequestOptions().setAbsoluteURI(endpoint.webhookUrl()).setMethod(HttpMethod.POST)
                    .putHeader(WebhookSignature.ID, d.messageId())
                    .putHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                    .putHeader(WebhookSignature.SIGNATURE, signature)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "ihospital-webhooks/1"))
                    .invoke(sent::set)
                    .chain(request -> request.send(Buffer.buffer(d.payload())))
                    // the answer's body is not read: only its status counts
                    .chain(response -> response.end().replaceWith(response.statusCode()))
                    .ifNoItem().after(config.timeout()).failWith(() -> new java.util.concurrent.TimeoutException(
                            "no answer within " + config.timeout().toMillis() + " ms"));
        }
        exchange.onItemOrFailure().transformToUni((status, failure) -> {
            if (failure == null && status >= 200 && status < 300) {
                delivered.increment();
                return deliveries.delivered(d.id(), d.attempts(), status);
            }
            HttpClientRequest request = sent.get();
            if (failure != null && request != null) {
                request.reset();
            }
            attemptsFailed.increment();
            Instant next = schedule.next(d.attempts(), ThreadLocalRandom.current().nextDouble(), clock.instant()).orElse(null);
            if (next == null) {
                failed.increment();
                LOG.warnf("Webhook %s (%s) to partner %s failed for good after %d attempts: %s", d.messageId(), d.type(), d.partnerId(),
                        d.attempts(), failure == null ? "HTTP " + status : Failures.describe(failure));
            }
            return deliveries.notDelivered(d.id(), d.attempts(), failure == null ? status : null,
                    failure == null ? "HTTP " + status : Failures.describe(failure), next);
        }).subscribe().with(ignored -> finished(d), failure -> {
            LOG.warnf("Could not record the outcome of webhook %s (its lease will expire and it will be sent again): %s", d.messageId(),
                    Failures.describe(failure));
            finished(d);
        });
    }

    private void finished(WebhookRepository.Claimed d) {
        inFlight.computeIfPresent(d.partnerId(), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        wake();
    }
}
