package org.ihospital.pharmacy.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.commons.testing.StandardWebhooksReference;
import org.ihospital.pharmacy.FakePartner;
import org.ihospital.pharmacy.FakePartner.Answer;
import org.ihospital.pharmacy.Partners;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Outbound webhooks to real HTTP servers playing partners: signed as Standard Webhooks says (checked by
 * this test's own HMAC and by the scheme's reference library), retried on the (test) schedule of 0.5 s,
 * 1 s, 1 s with ±20 % jitter, failed after the last try, replayed by an operator, never held up by
 * another partner, and never lost by a dispatcher that died holding them.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static UUID ping(Partners.Registered partner) {
        String id = given().header("Authorization", partner.client().bearer()).post("/api/v1/pharmacies/{id}/webhook-deliveries/ping", partner.id())
                .then().statusCode(202).body("status", equalTo("PENDING")).extract().jsonPath().getString("id");
        return UUID.fromString(id);
    }

    private static String status(UUID delivery) {
        return (String) Database.rows("select status from webhook_delivery where id = ?", delivery).get(0).get("status");
    }

    private static String webhookId(UUID delivery) {
        return (String) Database.rows("select message_id from webhook_delivery where id = ?", delivery).get(0).get("message_id");
    }

    /** This test's own reading of the scheme: HMAC-SHA256 over id.timestamp.body with the secret's bytes. */
    private static String hmac(String secret, FakePartner.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((r.webhookId() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWebhookArrivesSignedAsStandardWebhooksSays() throws Exception {
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = Partners.register(endpoint.url(), List.of("310104"));
            UUID delivery = ping(partner);
            await().atMost(PATIENCE).until(() -> status(delivery).equals("DELIVERED"));

            var received = endpoint.received(webhookId(delivery));
            assertThat(received).hasSize(1);
            var r = received.get(0);
            assertThat(r.webhookId()).startsWith("msg_");
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp()))).isLessThan(60);
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.body()).contains("\"type\":\"ping\"").contains(partner.id().toString());
            assertThat(r.signature()).isEqualTo(hmac(partner.secret(), r));

            StandardWebhooksReference.assumeAvailable();
            assertThat(StandardWebhooksReference.verifies(partner.secret(), r.webhookId(), r.timestamp(), r.signature(), r.body())).isTrue();
        }
    }

    @Test
    void aFailedAttemptIsRetriedOnTheScheduleWithTheSameWebhookId() {
        try (FakePartner endpoint = FakePartner.start()) {
            AtomicInteger calls = new AtomicInteger();
            endpoint.answer(r -> calls.incrementAndGet() == 1 ? Answer.status(500) : Answer.status(200));
            var partner = Partners.register(endpoint.url(), List.of("310104"));
            UUID delivery = ping(partner);
            await().atMost(PATIENCE).until(() -> status(delivery).equals("DELIVERED"));

            var received = endpoint.received(webhookId(delivery));
            assertThat(received).hasSize(2);
            assertThat(received.get(1).webhookId()).isEqualTo(received.get(0).webhookId());
            // the first retry waits 0.5 s ± 20 % (the poll may add up to a second)
            assertThat(Duration.between(received.get(0).at(), received.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            var row = Database.rows("select attempts, last_status from webhook_delivery where id = ?", delivery).get(0);
            assertThat(row.get("attempts")).isEqualTo(2);
            assertThat(row.get("last_status")).isEqualTo(200);
        }
    }

    @Test
    void afterTheLastRetryItHasFailedAndAnOperatorReplaysIt() {
        try (FakePartner endpoint = FakePartner.start()) {
            endpoint.answer(r -> Answer.status(503));
            var partner = Partners.register(endpoint.url(), List.of("310104"));
            UUID delivery = ping(partner);
            await().atMost(PATIENCE).until(() -> status(delivery).equals("FAILED"));
            // one attempt and three retries
            assertThat(endpoint.received(webhookId(delivery))).hasSize(4);
            List<String> failed = given().header("Authorization", Keycloak.bearer("operator-1")).queryParam("failed", true)
                    .queryParam("partnerId", partner.id()).get("/api/v1/webhook-deliveries").then().statusCode(200)
                    .body("items[0].lastStatus", equalTo(503)).extract().jsonPath().getList("items.id");
            assertThat(failed).containsExactly(delivery.toString());

            endpoint.answer(r -> Answer.status(200));
            given().header("Authorization", partner.client().bearer()).post("/api/v1/webhook-deliveries/{id}/replay", delivery).then().statusCode(403);
            given().header("Authorization", Keycloak.bearer("operator-1")).post("/api/v1/webhook-deliveries/{id}/replay", delivery)
                    .then().statusCode(202).body("status", equalTo("PENDING"));
            await().atMost(PATIENCE).until(() -> status(delivery).equals("DELIVERED"));
            assertThat(endpoint.received(webhookId(delivery))).hasSize(5);
            given().header("Authorization", Keycloak.bearer("operator-1")).post("/api/v1/webhook-deliveries/{id}/replay", UUID.randomUUID())
                    .then().statusCode(404);
        }
    }

    @Test
    void aPartnerThatDoesNotAnswerTimesOutAndNeverHoldsUpAnother() {
        try (FakePartner dead = FakePartner.start(); FakePartner alive = FakePartner.start()) {
            dead.answer(r -> Answer.silentFor(5_000));
            var slow = Partners.register(dead.url(), List.of("310104"));
            var quick = Partners.register(alive.url(), List.of("310104"));
            List<UUID> stuck = List.of(ping(slow), ping(slow), ping(slow), ping(slow), ping(slow), ping(slow));
            await().atMost(PATIENCE).until(() -> dead.received().size() >= 4);

            Instant sent = Instant.now();
            UUID delivery = ping(quick);
            await().atMost(PATIENCE).until(() -> status(delivery).equals("DELIVERED"));
            // the slow partner's attempts (2 s time-out each) are still in flight meanwhile
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(2));
            await().atMost(PATIENCE).until(() -> Database.count(
                    "select count(*) from webhook_delivery where partner_id = ? and last_error like '%no answer within%'", slow.id()) >= 1);
            assertThat(stuck).allMatch(id -> !status(id).equals("DELIVERED"));
        }
    }

    @Test
    void duringARotationEachWebhookCarriesBothSignatures() throws Exception {
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = Partners.register(endpoint.url(), List.of("310104"));
            String fresh = Partners.rotate(Keycloak.bearer("operator-1"), partner.id()).then().statusCode(200).extract().jsonPath().getString("webhookSecret");
            UUID delivery = ping(partner);
            await().atMost(PATIENCE).until(() -> status(delivery).equals("DELIVERED"));
            var r = endpoint.received(webhookId(delivery)).get(0);
            assertThat(r.signature().split(" ")).containsExactly(hmac(fresh, r), hmac(partner.secret(), r));
        }
    }

    @Test
    void aDeliveryClaimedByADispatcherThatDiedIsSentOnceItsLeaseRunsOut() {
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = Partners.register(endpoint.url(), List.of("310104"));
            // what a dispatcher leaves behind when it is killed between claiming a delivery and sending it
            UUID orphan = UUID.randomUUID();
            Database.execute("""
                    insert into webhook_delivery (id, message_id, partner_id, type, payload, status, attempts, next_attempt_at, lease_until, created_at)
                    values (?, ?, ?, 'ping', '{"type":"ping"}', 'PENDING', 1, now() - interval '1 minute', now() + interval '1 second', now())""",
                    orphan, "msg_orphan" + orphan.toString().replace("-", ""), partner.id());
            await().atMost(PATIENCE).until(() -> status(orphan).equals("DELIVERED"));
            assertThat(endpoint.received(webhookId(orphan))).hasSize(1);
        }
    }

    @Test
    void pingsAndListsAreForThePartnerItselfAndOperators() {
        var partner = Partners.register("https://pharmacy.example.test/hooks", List.of("310104"));
        var other = Partners.register("https://pharmacy.example.test/hooks", List.of("310104"));
        given().header("Authorization", other.client().bearer()).post("/api/v1/pharmacies/{id}/webhook-deliveries/ping", partner.id())
                .then().statusCode(404);
        given().header("Authorization", other.client().bearer()).get("/api/v1/pharmacies/{id}/webhook-deliveries", partner.id())
                .then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("operator-1")).post("/api/v1/pharmacies/{id}/webhook-deliveries/ping", partner.id())
                .then().statusCode(202);
        given().header("Authorization", partner.client().bearer()).get("/api/v1/pharmacies/{id}/webhook-deliveries", partner.id())
                .then().statusCode(200).body("items.size()", equalTo(1));
        given().header("Authorization", Keycloak.bearer("operator-1")).get("/api/v1/webhook-deliveries").then().statusCode(400);
    }
}
