package org.ihospital.pharmacy.payment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.ihospital.commons.messaging.Failures;
import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;
import org.ihospital.pharmacy.order.OrderService;
import org.ihospital.pharmacy.order.PaymentProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * The built-in sandbox payment provider, the local default: it "collects" at once and confirms the way a
 * real provider does, by calling the hospital back over HTTP with a signed notification (Standard
 * Webhooks, secret {@code hospital.pharmacy.payments.sandbox-secret}), retried until the hospital
 * acknowledges it. Refunds are recorded in its own books.
 */
@ApplicationScoped
public class SandboxPaymentService implements PaymentProvider {

    private static final Logger LOG = Logger.getLogger(SandboxPaymentService.class);

    /** What the sandbox tells the hospital: a payment of an order was confirmed. */
    public record Notification(String paymentId, UUID orderId, long amount, String status) {
    }

    private final SandboxPaymentRepository payments;
    private final OrderService orders;
    private final PharmacyConfig.Payments config;
    private final HttpClient http;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Clock clock;

    public SandboxPaymentService(SandboxPaymentRepository payments, OrderService orders, PharmacyConfig config, Vertx vertx, ObjectMapper json,
            Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.config = config.payments();
        this.vertx = vertx;
        this.http = vertx.createHttpClient();
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void close() {
        http.closeAndAwait();
    }

    /** One payment per order: asking again answers the same one. Its confirmation is called back once the transaction had time to commit. */
    @Override
    public Uni<Payment> start(UUID orderId, long amount) {
        return payments.ofOrder(orderId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            return payments.persist(SandboxPayment.start(orderId, amount, clock.instant()));
        }).invoke(p -> {
            if (p.status() == SandboxPayment.Status.PENDING) {
                vertx.setTimer(config.sandboxConfirmDelay().toMillis(), t -> callBack(new Notification(p.id(), p.orderId(), p.amount(), "CONFIRMED"), 1));
            }
        }).map(p -> new Payment(p.id(), null));
    }

    @Override
    public Uni<String> refund(String paymentId, long amount) {
        return payments.findById(paymentId).map(p -> {
            if (p == null) {
                throw new IllegalStateException("the sandbox has no payment " + paymentId);
            }
            p.refund(amount, clock.instant());
            return "rfd_" + paymentId.substring(4);
        });
    }

    /** The provider's side: the hospital's callback acknowledged a confirmation; record it. Runs in the callback's transaction. */
    Uni<Void> confirmed(String paymentId) {
        return payments.findById(paymentId).invoke(p -> {
            if (p != null) {
                p.confirm(clock.instant());
            }
        }).replaceWithVoid();
    }

    /** The hospital's side of the callback, once the signature holds: the order is paid. */
    Uni<Void> paid(Notification n) {
        return orders.paymentConfirmed(n.orderId(), n.paymentId(), n.amount());
    }

    private void callBack(Notification n, int attempt) {
        String body;
        try {
            body = json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id = "msg_" + n.paymentId() + "_" + attempt;
        long ts = clock.instant().getEpochSecond();
        String signature = WebhookSignature.sign(List.of(config.sandboxSecret()), id, ts, body);
        http.request(new RequestOptions().setAbsoluteURI(callbackUrl()).setMethod(HttpMethod.POST)
                .putHeader(WebhookSignature.ID, id).putHeader(WebhookSignature.TIMESTAMP, Long.toString(ts))
                .putHeader(WebhookSignature.SIGNATURE, signature).putHeader("Content-Type", "application/json"))
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.end().replaceWith(response.statusCode()))
                .ifNoItem().after(Duration.ofSeconds(10)).fail()
                .subscribe().with(status -> {
                    if (status / 100 != 2) {
                        retry(n, attempt, "HTTP " + status);
                    }
                }, failure -> retry(n, attempt, Failures.describe(failure)));
    }

    private void retry(Notification n, int attempt, String why) {
        if (attempt >= 10) {
            LOG.warnf("Sandbox payment %s: the hospital did not acknowledge its confirmation after %d tries (%s)", n.paymentId(), attempt, why);
            return;
        }
        vertx.setTimer(Math.min(30_000, 500L << attempt), t -> callBack(n, attempt + 1));
    }

    /** This process's own API, on the port it actually listens on (a random one in tests). */
    private static String callbackUrl() {
        var cfg = ConfigProvider.getConfig();
        String port = LaunchMode.current() == LaunchMode.TEST ? cfg.getOptionalValue("quarkus.http.test-port", String.class).orElse("8081")
                : cfg.getOptionalValue("quarkus.http.port", String.class).orElse("8082");
        return "http://127.0.0.1:" + port + "/api/v1/payments/sandbox/callback";
    }
}
