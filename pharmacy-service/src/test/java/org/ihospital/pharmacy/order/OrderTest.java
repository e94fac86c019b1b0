package org.ihospital.pharmacy.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.ihospital.pharmacy.order.OrderFixtures.PATIENCE;
import static org.ihospital.pharmacy.order.OrderFixtures.REGION;
import static org.ihospital.pharmacy.order.OrderFixtures.claim;
import static org.ihospital.pharmacy.order.OrderFixtures.orderEvents;
import static org.ihospital.pharmacy.order.OrderFixtures.pharmacy;
import static org.ihospital.pharmacy.order.OrderFixtures.place;
import static org.ihospital.pharmacy.order.OrderFixtures.placed;
import static org.ihospital.pharmacy.order.OrderFixtures.priced;
import static org.ihospital.pharmacy.order.OrderFixtures.report;
import static org.ihospital.pharmacy.order.OrderFixtures.status;
import static org.ihospital.pharmacy.order.OrderFixtures.stock;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.amlodipine;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.line;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.commons.webhook.WebhookSignature;
import org.ihospital.contracts.EventContracts;
import org.ihospital.pharmacy.FakePartner;
import org.ihospital.pharmacy.Partners;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Orders end to end with real partners (HTTP servers that verify every webhook's signature), the sandbox
 * payment provider's signed callback, real stock reservations and real PostgreSQL, Kafka and Keycloak.
 * Each test registers its own partners for a region of its own, so tests never route to each other's.
 */
@QuarkusTest
class OrderTest {

    private static int regionSeq = 0;

    /** A region (administrative division code) no other test's partners serve. */
    private static synchronized String freshRegion() {
        // 110000..809999: a division code starts with 1 to 8
        return String.valueOf(110000 + (int) (Math.random() * 70000) * 10 + (++regionSeq % 10));
    }

    private static Partners.Registered partnerWithStock(FakePartner endpoint, String region, String stockJson) {
        var partner = Partners.register(endpoint.url(), List.of(region));
        given().header("Authorization", partner.client().bearer()).contentType(ContentType.JSON).body(stockJson)
                .put("/api/v1/pharmacies/{id}/stock", partner.id()).then().statusCode(200);
        return partner;
    }

    private static UUID placeIn(OrderFixtures.Approved a, String region) {
        return UUID.fromString(place(a, region).then().statusCode(201).extract().jsonPath().getString("id"));
    }

    private static void pay(OrderFixtures.Approved a, UUID order) {
        given().header("Authorization", Keycloak.bearer(a.patient())).post("/api/v1/orders/{id}/payment", order).then().statusCode(200)
                .body("paymentId", org.hamcrest.Matchers.startsWith("sbx_"));
    }

    /** Checks every webhook the partner got with this test's own HMAC: a partner that cannot verify would refuse it. */
    private static void allSigned(FakePartner endpoint, Partners.Registered partner) {
        for (var r : endpoint.received()) {
            assertThat(WebhookSignature.verify(List.of(partner.secret()), r.webhookId(), r.timestamp(), r.signature(), r.body(), Instant.now())
                    .valid()).as("signature of %s", r.webhookId()).isTrue();
        }
    }

    @Test
    void anOrderIsPaidRoutedDispensedAndDeliveredWhileThePatientFollowsIt() throws Exception {
        String region = freshRegion();
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = partnerWithStock(endpoint, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var rx = priced(1234, amlodipine());
            var answer = place(rx, region).then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT")).body("patientPays", equalTo(1234))
                    .extract();
            UUID order = UUID.fromString(answer.jsonPath().getString("id"));
            assertThat(answer.header("Location")).endsWith("/api/v1/orders/" + order);
            assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");

            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> following = CompletableFuture.runAsync(() -> follow(rx.patient(), order, seen));

            pay(rx, order);
            await().atMost(PATIENCE).until(() -> status(order).equals("ROUTED"));
            assertThat(pharmacy(order)).isEqualTo(partner.id());
            assertThat(stock(partner.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 30).containsEntry("on_hand", 100);
            await().atMost(PATIENCE).until(() -> !endpoint.received().isEmpty());
            var created = endpoint.received().get(0);
            assertThat(created.body()).contains("\"type\":\"order.created\"", order.toString(), "徐汇区漕溪北路", "13800000001");

            for (String step : List.of("ACCEPTED", "DISPENSED")) {
                report(partner.client().bearer(), order, "{\"status\":\"" + step + "\"}").then().statusCode(200).body("status", equalTo(step));
            }
            assertThat(stock(partner.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 0).containsEntry("on_hand", 70);
            report(partner.client().bearer(), order, "{\"status\":\"SHIPPED\",\"trackingNumber\":\"SF1234567890\"}").then().statusCode(200);
            report(partner.client().bearer(), order, "{\"status\":\"DELIVERED\"}").then().statusCode(200);

            following.get(20, TimeUnit.SECONDS);
            assertThat(seen).containsSubsequence("created", "paid", "routed", "accepted", "dispensed", "shipped", "delivered");
            assertThat(orderEvents(order)).containsExactly("order.created", "order.paid", "order.routed", "order.accepted", "order.dispensed",
                    "order.shipped", "order.delivered");
            for (var row : Database.rows("select type, payload::text as payload from outbox_event where subject = ?", order.toString())) {
                assertThat(EventContracts.violations((String) row.get("type"), (String) row.get("payload"))).as((String) row.get("type")).isEmpty();
                assertThat((String) row.get("payload")).doesNotContain("13800000001", "王小明", "漕溪北路");
            }
            given().header("Authorization", Keycloak.bearer(rx.patient())).get("/api/v1/orders/{id}", order).then().statusCode(200)
                    .body("status", equalTo("DELIVERED")).body("trackingNumber", equalTo("SF1234567890")).body("steps.size()", equalTo(7));
            allSigned(endpoint, partner);
        }
    }

    /** Reads the order's event stream to its end, collecting the event names. */
    private static void follow(String patient, UUID order, List<String> seen) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/orders/" + order + "/events"))
                    .header("Authorization", Keycloak.bearer(patient)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.body().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).filter(e -> !e.equals("heartbeat"))
                    .forEach(seen::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withNothingToPayTheOrderGoesToAPharmacyAtOnce() {
        String region = freshRegion();
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = partnerWithStock(endpoint, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var rx = priced(0, amlodipine());
            UUID order = placeIn(rx, region);
            assertThat(status(order)).isEqualTo("ROUTED");
            assertThat(pharmacy(order)).isEqualTo(partner.id());
            given().header("Authorization", Keycloak.bearer(rx.patient())).post("/api/v1/orders/{id}/payment", order).then().statusCode(409);
        }
    }

    @Test
    void aRejectionReroutesAndWithNoPartnerLeftTheOrderIsUnroutableAndRefunded() {
        String region = freshRegion();
        try (FakePartner first = FakePartner.start(); FakePartner second = FakePartner.start()) {
            var one = partnerWithStock(first, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var two = partnerWithStock(second, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var rx = priced(500, amlodipine());
            UUID order = placeIn(rx, region);
            pay(rx, order);
            await().atMost(PATIENCE).until(() -> status(order).equals("ROUTED"));
            assertThat(pharmacy(order)).isEqualTo(one.id());

            report(one.client().bearer(), order, "{\"status\":\"REJECTED\"}").then().statusCode(200);
            assertThat(pharmacy(order)).isEqualTo(two.id());
            assertThat(stock(one.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 0);
            assertThat(stock(two.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 30);
            // the first partner's repeat is harmless; it no longer sees the order move
            report(one.client().bearer(), order, "{\"status\":\"REJECTED\"}").then().statusCode(200).body("status", equalTo("REJECTED"));
            report(one.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(409);

            report(two.client().bearer(), order, "{\"status\":\"REJECTED\"}").then().statusCode(200);
            assertThat(status(order)).isEqualTo("UNROUTABLE");
            assertThat(stock(two.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 0);
            assertThat(Database.rows("select status from sandbox_payment where order_id = ?", order).get(0).get("status")).isEqualTo("REFUNDED");
            given().header("Authorization", Keycloak.bearer(rx.patient())).get("/api/v1/orders/{id}", order).then()
                    .body("reason", org.hamcrest.Matchers.containsString("has every item in stock"));
            assertThat(orderEvents(order)).endsWith("order.rejected", "order.routed", "order.rejected", "order.unroutable");
        }
    }

    @Test
    void aPartnerThatDoesNotAcceptInTimeLosesTheOrderAndIsToldSo() {
        String region = freshRegion();
        try (FakePartner slow = FakePartner.start(); FakePartner quick = FakePartner.start()) {
            var late = partnerWithStock(slow, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var next = partnerWithStock(quick, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var rx = priced(0, amlodipine());
            UUID order = placeIn(rx, region);
            assertThat(pharmacy(order)).isEqualTo(late.id());
            // the test profile gives a partner 3 s to accept
            await().atMost(PATIENCE).until(() -> next.id().equals(pharmacy(order)));
            assertThat(stock(late.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 0);
            await().atMost(PATIENCE).until(() -> slow.received().stream().anyMatch(r -> r.body().contains("\"type\":\"order.cancelled\"")));
            report(late.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(409);
            report(next.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(200);
        }
    }

    @Test
    void twoOrdersRacingForTheLastUnitsReserveThemOnce() throws Exception {
        String region = freshRegion();
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = partnerWithStock(endpoint, region, "{\"AMLODIPINE-5MG-TAB\":30}");
            var a = priced(0, amlodipine());
            var b = priced(0, amlodipine());
            CountDownLatch start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            List<Future<String>> ids = new ArrayList<>();
            try {
                for (var rx : List.of(a, b)) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return place(rx, region).then().statusCode(201).extract().jsonPath().getString("id");
                    }));
                }
                start.countDown();
                List<String> statuses = new ArrayList<>();
                for (var id : ids) {
                    statuses.add(status(UUID.fromString(id.get())));
                }
                assertThat(statuses).containsExactlyInAnyOrder("ROUTED", "UNROUTABLE");
            } finally {
                pool.shutdownNow();
            }
            assertThat(stock(partner.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 30).containsEntry("on_hand", 30);
        }
    }

    @Test
    void partnerCallbacksAreForThePartnersOwnOrdersInTurn() {
        String region = freshRegion();
        try (FakePartner endpoint = FakePartner.start(); FakePartner otherEndpoint = FakePartner.start()) {
            var partner = partnerWithStock(endpoint, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var stranger = partnerWithStock(otherEndpoint, freshRegion(), "{\"AMLODIPINE-5MG-TAB\":100}");
            var rx = priced(0, amlodipine());
            UUID order = placeIn(rx, region);
            String before = Database.fingerprint("pharmacy_order", "stock", "outbox_event").toString();

            report(stranger.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(404);
            report(partner.client().bearer(), UUID.randomUUID(), "{\"status\":\"ACCEPTED\"}").then().statusCode(404);
            report(partner.client().bearer(), order, "{\"status\":\"DELIVERED\"}").then().statusCode(409)
                    .body("type", org.hamcrest.Matchers.endsWith("/illegal-order-transition"));
            report(partner.client().bearer(), order, "{\"status\":\"TELEPORTED\"}").then().statusCode(400);
            report(partner.client().bearer(), order, "{}").then().statusCode(400);
            report(partner.client().bearer(), order, "not json").then().statusCode(400);
            report(Keycloak.bearer(rx.patient()), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(403);
            given().contentType(ContentType.JSON).body("{\"status\":\"ACCEPTED\"}").post("/api/v1/partner/orders/{id}/status", order).then()
                    .statusCode(401);
            assertThat(Database.fingerprint("pharmacy_order", "stock", "outbox_event").toString()).isEqualTo(before);

            report(partner.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(200);
            report(partner.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(200);
            report(partner.client().bearer(), order, "{\"status\":\"DISPENSED\"}").then().statusCode(200);
            report(partner.client().bearer(), order, "{\"status\":\"SHIPPED\"}").then().statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("trackingNumber"));
            report(partner.client().bearer(), order, "{\"status\":\"ACCEPTED\"}").then().statusCode(409);
            report(partner.client().bearer(), order, "{\"status\":\"REJECTED\"}").then().statusCode(409);
            assertThat(orderEvents(order)).containsExactly("order.created", "order.paid", "order.routed", "order.accepted", "order.dispensed");
        }
    }

    @Test
    void aClaimOnHoldBlocksTheOrderUntilReleasedAndAnUnpricedOneWaits() {
        var held = OrderFixtures.approved(amlodipine());
        place(held, REGION).then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/claim-pending"));
        claim(held, "adjudicated", 800L, true);
        place(held, REGION).then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/claim-on-hold"));
        claim(held, "released", null, false);
        place(held, REGION).then().statusCode(201).body("patientPays", equalTo(800));

        var unpriced = OrderFixtures.approved(amlodipine());
        claim(unpriced, "rejected", null, false);
        place(unpriced, REGION).then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("/not-orderable"));
        var selfPay = OrderFixtures.approved(amlodipine());
        claim(selfPay, "rejected", 4560L, false);
        place(selfPay, REGION).then().statusCode(201).body("patientPays", equalTo(4560));
    }

    @Test
    void onlyThePatientOrdersTheirOwnApprovedPrescriptionOnce() {
        var rx = priced(100, amlodipine());
        String stranger = Keycloak.newUser("patient", "patient");
        String body = """
                {"prescriptionId":"%s","deliverTo":{"recipient":"李四","phone":"13900000002","line":"某路 1 号"},"region":"310104"}"""
                .formatted(rx.prescriptionId());
        given().header("Authorization", Keycloak.bearer(stranger)).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then()
                .statusCode(404);
        String before = Database.fingerprint("pharmacy_order").toString();
        for (String bad : List.of("{}", body.replace("13900000002", "12345"), body.replace("310104", "31010"),
                body.replace("\"recipient\":\"李四\",", ""), body.replace(rx.prescriptionId().toString(), "not-a-uuid"))) {
            given().header("Authorization", Keycloak.bearer(rx.patient())).contentType(ContentType.JSON).body(bad).post("/api/v1/orders").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        assertThat(Database.fingerprint("pharmacy_order").toString()).isEqualTo(before);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then()
                .statusCode(403);
        UUID order = placed(rx);
        place(rx, REGION).then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/already-ordered"));
        given().header("Authorization", Keycloak.bearer(stranger)).get("/api/v1/orders/{id}", order).then().statusCode(404);
        given().header("Authorization", Keycloak.bearer(rx.patient())).post("/api/v1/orders/{id}/cancel", order).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        // cancelled, it can be ordered again
        placed(rx);
    }

    @Test
    void aForgedStaleOrReplayedPaymentCallbackChangesNothing() {
        var rx = priced(700, amlodipine());
        UUID order = placed(rx);
        String body = "{\"paymentId\":\"sbx_forged\",\"orderId\":\"" + order + "\",\"amount\":700,\"status\":\"CONFIRMED\"}";
        long now = Instant.now().getEpochSecond();
        String forged = WebhookSignature.sign(List.of(WebhookSignature.newSecret()), "msg_1", now, body);
        String secret = "whsec_dGVzdC1vbmx5LXNhbmRib3gtcGF5bWVudC1zZWNyZXQ=";
        String stale = WebhookSignature.sign(List.of(secret), "msg_2", now - 600, body);
        callback("msg_1", now, forged, body).then().statusCode(401).body("type", org.hamcrest.Matchers.endsWith("/invalid-signature"));
        callback("msg_2", now - 600, stale, body).then().statusCode(401);
        callback("msg_3", now, null, body).then().statusCode(401);
        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");

        pay(rx, order);
        await().atMost(PATIENCE).until(() -> !status(order).equals("AWAITING_PAYMENT"));
        String paymentId = (String) Database.rows("select payment_id from pharmacy_order where id = ?", order).get(0).get("payment_id");
        String genuine = "{\"paymentId\":\"" + paymentId + "\",\"orderId\":\"" + order + "\",\"amount\":700,\"status\":\"CONFIRMED\"}";
        String before = Database.fingerprint("pharmacy_order").toString();
        callback("msg_4", now, WebhookSignature.sign(List.of(secret), "msg_4", now, genuine), genuine).then().statusCode(204);
        assertThat(Database.fingerprint("pharmacy_order").toString()).isEqualTo(before);
    }

    private static io.restassured.response.Response callback(String id, long ts, String signature, String body) {
        var request = given().contentType(ContentType.JSON).header(WebhookSignature.ID, id).header(WebhookSignature.TIMESTAMP, Long.toString(ts));
        if (signature != null) {
            request.header(WebhookSignature.SIGNATURE, signature);
        }
        return request.body(body).post("/api/v1/payments/sandbox/callback");
    }

    @Test
    void anUnpaidOrderIsCancelledWhenItsPrescriptionExpiresAndARoutedOneWhenItIsRevoked() {
        var unpaid = priced(900, amlodipine());
        UUID first = placed(unpaid);
        var issued = org.ihospital.pharmacy.review.IssuedPrescriptions.prescription(amlodipine());
        issued.prescriptionId = unpaid.prescriptionId();
        issued.patientId = unpaid.patientId();
        issued.publishExpired();
        await().atMost(PATIENCE).until(() -> status(first).equals("CANCELLED"));

        String region = freshRegion();
        try (FakePartner endpoint = FakePartner.start()) {
            var partner = partnerWithStock(endpoint, region, "{\"AMLODIPINE-5MG-TAB\":100}");
            var routed = priced(0, amlodipine());
            UUID second = placeIn(routed, region);
            report(partner.client().bearer(), second, "{\"status\":\"ACCEPTED\"}").then().statusCode(200);
            var revoking = org.ihospital.pharmacy.review.IssuedPrescriptions.prescription(amlodipine());
            revoking.prescriptionId = routed.prescriptionId();
            revoking.patientId = routed.patientId();
            revoking.publishRevoked();
            await().atMost(PATIENCE).until(() -> status(second).equals("CANCELLED"));
            assertThat(stock(partner.id(), "AMLODIPINE-5MG-TAB")).containsEntry("reserved", 0);
            await().atMost(PATIENCE).until(() -> endpoint.received().stream().anyMatch(r -> r.body().contains("\"type\":\"order.cancelled\"")));
            report(partner.client().bearer(), second, "{\"status\":\"DISPENSED\"}").then().statusCode(409);
        }
    }
}
