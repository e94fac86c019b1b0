package org.ihospital.pharmacy.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.amlodipine;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.line;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.prescription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The pharmacist's review end to end: an issued prescription arrives by Kafka, waits in the queue with its
 * screening findings, gets one decision, and the decision leaves as {@code prescription.reviewed} through
 * the outbox. Real PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
class ReviewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static UUID arrived(IssuedPrescriptions.Builder rx) {
        rx.publish();
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from review where prescription_id = ?", rx.prescriptionId) == 1);
        return rx.prescriptionId;
    }

    private static Response decide(String user, UUID prescription, String body) {
        return given().header("Authorization", Keycloak.bearer(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/{id}/decision", prescription);
    }

    private static String status(UUID prescription) {
        return (String) Database.rows("select status from review where prescription_id = ?", prescription).get(0).get("status");
    }

    private static long reviewedEvents(UUID prescription) {
        return Database.count("select count(*) from outbox_event where subject = ? and type = 'hospital.prescription.reviewed.v1'",
                prescription.toString());
    }

    /** Every pending review in the queue, page by page. */
    private static List<Map<String, Object>> wholeQueue(String user) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", Keycloak.bearer(user)).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor })
                    .get("/api/v1/reviews").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    @Test
    void aVerifiedPrescriptionWaitsInTheQueueOldestFirstWithItsFindings() {
        UUID first = arrived(prescription(amlodipine()));
        UUID second = arrived(prescription(line("ENALAPRIL-10MG-TAB", 60, "1", "BID", 30), line("LOSARTAN-50MG-TAB", 30, "1", "QD", 30))
                .allergy("penicillin", "SEVERE"));

        var queue = wholeQueue("pharmacist-1");
        List<String> ids = queue.stream().map(r -> (String) r.get("prescriptionId")).toList();
        assertThat(ids).contains(first.toString(), second.toString());
        assertThat(ids.indexOf(first.toString())).isLessThan(ids.indexOf(second.toString()));
        assertThat(queue.stream().map(r -> Instant.parse((String) r.get("receivedAt"))).toList()).isSorted();

        given().header("Authorization", Keycloak.bearer("pharmacist-1")).get("/api/v1/reviews/{id}", second).then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("items.drugCode", org.hamcrest.Matchers.contains("ENALAPRIL-10MG-TAB", "LOSARTAN-50MG-TAB"))
                .body("allergies[0].substance", equalTo("penicillin"))
                .body("findings[0].kind", equalTo("INTERACTION"))
                .body("findings[0].severity", equalTo("MAJOR"))
                .body("findings[0].lines", org.hamcrest.Matchers.contains(1, 2))
                .body("decision", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aDecisionIsPublishedOnceAndASecondIsRefused() throws Exception {
        try (KafkaProbe reviews = KafkaProbe.tail("pharmacy.reviews")) {
            UUID rx = arrived(prescription(amlodipine()));
            decide("pharmacist-1", rx, "{\"approved\":true}").then().statusCode(200)
                    .body("status", equalTo("APPROVED")).body("decision.approved", equalTo(true))
                    .body("decision.pharmacistId", equalTo(Keycloak.subject("pharmacist-1")));

            var record = reviews.await(r -> rx.toString().equals(r.key()), PATIENCE);
            assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("hospital.prescription.reviewed.v1");
            assertThat(EventContracts.violations("hospital.prescription.reviewed.v1", record.value())).isEmpty();

            String before = Database.fingerprint("review").get("review");
            decide("pharmacist-1", rx, "{\"approved\":false,\"reason\":\"second thoughts\"}").then().statusCode(409)
                    .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/review-already-decided"));
            assertThat(Database.fingerprint("review").get("review")).isEqualTo(before);
            assertThat(reviewedEvents(rx)).isEqualTo(1);
        }
    }

    @Test
    void twoPharmacistsDecidingAtOnceMakeOneDecision() throws Exception {
        String other = Keycloak.newUser("pharmacist", "pharmacist");
        for (int round = 0; round < 3; round++) {
            UUID rx = arrived(prescription(amlodipine()));
            CountDownLatch start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (var who : List.of(Map.entry("pharmacist-1", "{\"approved\":true}"),
                        Map.entry(other, "{\"approved\":false,\"reason\":\"not indicated\"}"))) {
                    Callable<Integer> call = () -> {
                        start.await();
                        return decide(who.getKey(), rx, who.getValue()).statusCode();
                    };
                    answers.add(pool.submit(call));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var a : answers) {
                    statuses.add(a.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            } finally {
                pool.shutdownNow();
            }
            assertThat(status(rx)).isIn("APPROVED", "REJECTED");
            assertThat(reviewedEvents(rx)).isEqualTo(1);
        }
    }

    @Test
    void approvingOverFindingsNeedsTheOverrideReasonAndARejectionItsReason() {
        UUID rx = arrived(prescription(line("WARFARIN-3MG-TAB", 30, "1", "QD", 30), line("ASPIRIN-EC-100MG-TAB", 30, "1", "QD", 30)));
        decide("pharmacist-1", rx, "{\"approved\":true}").then().statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("/override-reason-required"));
        decide("pharmacist-1", rx, "{\"approved\":false}").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        assertThat(status(rx)).isEqualTo("PENDING");
        assertThat(reviewedEvents(rx)).isZero();

        decide("pharmacist-1", rx, "{\"approved\":true,\"reason\":\"mechanical valve, cardiologist's plan; INR weekly\"}").then()
                .statusCode(200).body("decision.reason", equalTo("mechanical valve, cardiologist's plan; INR weekly"));
        var stored = Database.rows("select decided_by, decided_at, decision_reason from review where prescription_id = ?", rx).get(0);
        assertThat(stored.get("decided_by")).isEqualTo(Keycloak.subject("pharmacist-1"));
        assertThat(stored.get("decided_at")).isNotNull();
    }

    @Test
    void aRetriedDecisionWithItsKeyGetsTheFirstAnswer() {
        UUID rx = arrived(prescription(amlodipine()));
        String key = UUID.randomUUID().toString();
        for (String replayed : List.of("false", "true")) {
            given().header("Authorization", Keycloak.bearer("pharmacist-1")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"approved\":true}").post("/api/v1/reviews/{id}/decision", rx)
                    .then().statusCode(200).header("Idempotent-Replayed", replayed).body("status", equalTo("APPROVED"));
        }
        assertThat(reviewedEvents(rx)).isEqualTo(1);
    }

    @Test
    void aRevokedPrescriptionLeavesTheQueueAndCannotBeDecided() {
        var issued = prescription(amlodipine());
        UUID rx = arrived(issued);
        issued.publishRevoked();
        await().atMost(PATIENCE).until(() -> status(rx).equals("WITHDRAWN"));
        assertThat(wholeQueue("pharmacist-1")).noneMatch(r -> rx.toString().equals(r.get("prescriptionId")));
        decide("pharmacist-1", rx, "{\"approved\":true}").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/review-withdrawn"));
    }

    @Test
    void anExpiredPrescriptionIsNotInTheQueue() {
        var issued = prescription(amlodipine());
        issued.issuedAt = Instant.now().minus(Duration.ofDays(4)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        issued.expiresAt = issued.issuedAt.plus(Duration.ofDays(3));
        UUID rx = arrived(issued);
        assertThat(status(rx)).isEqualTo("PENDING");
        assertThat(wholeQueue("pharmacist-1")).noneMatch(r -> rx.toString().equals(r.get("prescriptionId")));
        decide("pharmacist-1", rx, "{\"approved\":true}").then().statusCode(409);
    }

    @Test
    void aForgedPrescriptionNeverReachesAPharmacistButOperatorsSeeIt() {
        UUID forged = arrived(prescription(amlodipine()).forged());
        assertThat(status(forged)).isEqualTo("INVALID");
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).get("/api/v1/reviews/{id}", forged).then().statusCode(404);
        decide("pharmacist-1", forged, "{\"approved\":true}").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).queryParam("status", "INVALID").get("/api/v1/reviews")
                .then().statusCode(403);
        List<String> invalid = given().header("Authorization", Keycloak.bearer("operator-1")).queryParam("status", "INVALID")
                .queryParam("limit", 100).get("/api/v1/reviews").then().statusCode(200).extract().jsonPath().getList("items.prescriptionId");
        assertThat(invalid).contains(forged.toString());
        given().header("Authorization", Keycloak.bearer("operator-1")).get("/api/v1/reviews/{id}", forged).then().statusCode(200)
                .body("closeReason", equalTo("the signing key's attestation does not hold"));
    }

    @Test
    void onlyPharmacistsDecide() {
        UUID rx = arrived(prescription(amlodipine()));
        given().contentType(ContentType.JSON).body("{\"approved\":true}").post("/api/v1/reviews/{id}/decision", rx).then().statusCode(401);
        decide("patient-1", rx, "{\"approved\":true}").then().statusCode(403);
        decide("doctor-1", rx, "{\"approved\":true}").then().statusCode(403);
        decide("operator-1", rx, "{\"approved\":true}").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("patient-1")).get("/api/v1/reviews").then().statusCode(403);
        assertThat(status(rx)).isEqualTo("PENDING");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        UUID rx = arrived(prescription(amlodipine()));
        String before = Database.fingerprint("review").get("review");
        decide("pharmacist-1", rx, "{}").then().statusCode(400).contentType("application/problem+json");
        decide("pharmacist-1", rx, "{\"approved\":\"yes\"}").then().statusCode(400);
        decide("pharmacist-1", rx, "{\"approved\":true,\"approved\":false}").then().statusCode(400);
        decide("pharmacist-1", rx, "{\"approved\":true,\"extra\":1}").then().statusCode(400);
        decide("pharmacist-1", rx, "not json").then().statusCode(400);
        decide("pharmacist-1", UUID.randomUUID(), "{\"approved\":true}").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).contentType(ContentType.JSON).body("{\"approved\":true}")
                .post("/api/v1/reviews/not-a-uuid/decision").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).queryParam("status", "MAYBE").get("/api/v1/reviews")
                .then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).queryParam("cursor", "forged").get("/api/v1/reviews")
                .then().statusCode(400);
        assertThat(Database.fingerprint("review").get("review")).isEqualTo(before);
        assertThat(reviewedEvents(rx)).isZero();
    }
}
