package org.ihospital.consultation.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Idempotency-Key as Stripe keeps it: in flight is a 409 at once, refusals are replayed, validation failures free the key. */
@QuarkusTest
class IdempotencyTest {

    @BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    private static Response book(String patient, String key, UUID slot) {
        return given().header("Authorization", Keycloak.bearer(patient)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "follow-up")).when().post("/api/v1/appointments");
    }

    @Test
    void anIdenticalRequestWhileTheFirstIsInFlightIsToldAtOnce() throws Exception {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        String key = UUID.randomUUID().toString();
        CompletableFuture<Response> first;
        try (Connection blocker = Database.connect()) {
            // the first booking will wait on this row lock
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("select * from slot where id = '" + slot + "' for update");
            first = CompletableFuture.supplyAsync(() -> book("patient-1", key, slot));
            await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(
                    "select count(*) from idempotency_key where key = ? and state = 'IN_FLIGHT'", key) == 1);
            long started = System.nanoTime();
            book("patient-1", key, slot).then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("/problems/idempotent-request-in-flight"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without waiting for the first").isLessThan(Duration.ofSeconds(3));
            blocker.rollback();
        }
        String id = first.get(20, TimeUnit.SECONDS).then().statusCode(201).extract().path("id");
        book("patient-1", key, slot).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertThat(Database.count("select count(*) from appointment where slot_id = ?", slot)).isEqualTo(1);
    }

    @Test
    void aRefusalOfARequestThatStartedIsTheAnswerForGood() {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        String taken = Clinic.book("patient-2", slot).toString();
        String key = UUID.randomUUID().toString();
        book("patient-1", key, slot).then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + taken + "/cancel").then().statusCode(200);
        // the slot is free now, but this key's answer was given
        book("patient-1", key, slot).then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));
        assertThat(Database.count("select count(*) from appointment where slot_id = ? and status = 'BOOKED'", slot)).isZero();
        book("patient-1", UUID.randomUUID().toString(), slot).then().statusCode(201);
    }

    @Test
    void aValidationFailureFreesTheKey() {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        String key = UUID.randomUUID().toString();
        given().header("Authorization", Keycloak.bearer("patient-1")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "")).when().post("/api/v1/appointments")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        book("patient-1", key, slot).then().statusCode(201).header("Idempotent-Replayed", "false");
    }

    @Test
    void theKeyIsScopedToTheMatchedRouteAndTheCaller() {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        String key = UUID.randomUUID().toString();
        book("patient-1", key, slot).then().statusCode(201);
        assertThat(Database.rows("select operation from idempotency_key where key = ?", key).get(0).get("operation"))
                .isEqualTo("POST /api/v1/appointments");
        // another caller's identical key is their own
        UUID other = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        book("patient-2", key, other).then().statusCode(201).header("Idempotent-Replayed", "false");
    }

    @Test
    void aPrescriptionMustCarryAKey() {
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("consultationId", UUID.randomUUID().toString(), "items", java.util.List.of(Map.of("drugCode",
                        "AMLODIPINE-5MG-TAB", "quantity", 30, "dosage", Map.of("amount", 1, "frequency", "QD", "days", 30)))))
                .when().post("/api/v1/prescriptions").then().statusCode(400).body("type", equalTo("/problems/idempotency-key-required"));
    }
}
