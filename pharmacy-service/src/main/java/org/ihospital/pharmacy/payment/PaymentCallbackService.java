package org.ihospital.pharmacy.payment;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The hospital's end of the sandbox provider's callback: the signature first, then the order is paid, once. */
@ApplicationScoped
public class PaymentCallbackService {

    static final class InvalidSignature extends ProblemException {
        InvalidSignature(String why) {
            super("invalid-signature", 401, "Invalid signature", "The notification is not signed by the payment provider: " + why);
        }
    }

    private final SandboxPaymentService sandbox;
    private final PharmacyConfig.Payments config;
    private final ObjectMapper json;
    private final Clock clock;

    public PaymentCallbackService(SandboxPaymentService sandbox, PharmacyConfig config, ObjectMapper json, Clock clock) {
        this.sandbox = sandbox;
        this.config = config.payments();
        this.json = json;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Void> receive(String id, String timestamp, String signature, String body) {
        var check = WebhookSignature.verify(List.of(config.sandboxSecret()), id, timestamp, signature, body == null ? "" : body, clock.instant());
        if (!check.valid()) {
            return Uni.createFrom().failure(new InvalidSignature(check.reason()));
        }
        SandboxPaymentService.Notification n;
        try {
            n = json.readValue(body, SandboxPaymentService.Notification.class);
        } catch (Exception e) {
            return Uni.createFrom().failure(new InvalidField("body", "not a payment notification"));
        }
        if (n.orderId() == null || n.paymentId() == null || !"CONFIRMED".equals(n.status())) {
            return Uni.createFrom().failure(new InvalidField("body", "not a payment confirmation"));
        }
        return sandbox.paid(n).chain(() -> sandbox.confirmed(n.paymentId()));
    }
}
