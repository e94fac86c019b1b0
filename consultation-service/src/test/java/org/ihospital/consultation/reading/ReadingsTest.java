package org.ihospital.consultation.reading;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Readings as the apps send and read them: checked, stored once per device reading, and only for the patient's own eyes and the staff's. */
@QuarkusTest
class ReadingsTest {

    private UUID patient;

    @BeforeEach
    void patient1HasAProfile() {
        Clinic.realName("patient-1");
        patient = UUID.fromString(given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/patients/me")
                .then().statusCode(200).extract().path("id"));
    }

    private static Map<String, Object> bp(int systolic, int diastolic, Instant at) {
        return Map.of("kind", "BLOOD_PRESSURE", "unit", "mmHg", "systolic", systolic, "diastolic", diastolic, "measuredAt", at.toString());
    }

    private static Map<String, Object> fromDevice(Map<String, Object> reading, String device, String id) {
        var withDevice = new java.util.HashMap<>(reading);
        withDevice.put("deviceId", device);
        withDevice.put("deviceReadingId", id);
        return withDevice;
    }

    private io.restassured.response.ValidatableResponse send(String user, UUID to, List<Map<String, Object>> readings) {
        return given().header("Authorization", Keycloak.bearer(user)).contentType(ContentType.JSON).body(Map.of("readings", readings))
                .when().post("/api/v1/patients/" + to + "/readings").then();
    }

    private long stored() {
        return Database.count("select count(*) from reading where patient_id = ?", patient);
    }

    @Test
    void aPatientReportsABloodPressureAndReadsItBack() {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = send("patient-1", patient, List.of(bp(142, 91, at))).statusCode(201).body("duplicates", equalTo(0))
                .extract().path("stored[0]");

        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("kind", "BLOOD_PRESSURE")
                .when().get("/api/v1/patients/" + patient + "/readings")
                .then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.systolic", equalTo(142))
                .body("find { it.id == '" + id + "' }.unit", equalTo("mmHg"));
    }

    @Test
    void aDevicesBatchIsStoredOnceHoweverOftenItIsSent() {
        String device = "omron-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(fromDevice(bp(120 + i, 80, now.minus(i + 1, ChronoUnit.HOURS)), device, "r-" + i));
        }
        long before = stored();

        send("patient-1", patient, batch).statusCode(201).body("stored", hasSize(5));
        send("patient-1", patient, batch).statusCode(200).body("stored", hasSize(0)).body("duplicates", equalTo(5));

        assertThat(stored()).isEqualTo(before + 5);
    }

    @Test
    void twoAppsSyncingTheSameDeviceAtOnceStoreEachReadingOnce() throws Exception {
        String device = "glucometer-" + UUID.randomUUID();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(fromDevice(Map.of("kind", "GLUCOSE", "unit", "mmol/L", "value", 5.0 + i / 10.0, "timing", "FASTING",
                    "measuredAt", Instant.now().minus(i + 1, ChronoUnit.DAYS).toString()), device, "g-" + i));
        }
        long before = stored();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return send("patient-1", patient, batch).extract().statusCode();
            }));
        }
        start.countDown();

        assertThat(racers.stream().map(CompletableFuture::join).toList()).allMatch(status -> status == 200 || status == 201);
        assertThat(stored()).isEqualTo(before + 20);
    }

    @Test
    void anImplausibleReadingRefusesTheWholeBatch() {
        long before = stored();
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS);

        send("patient-1", patient, List.of(bp(130, 85, at), bp(400, 85, at)))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/implausible-reading"))
                .body("errors[0].field", equalTo("readings[1].systolic"));
        send("patient-1", patient, List.of(Map.of("kind", "WEIGHT", "unit", "jin", "value", 140, "measuredAt", at.toString())))
                .statusCode(422).body("errors[0].field", equalTo("readings[0].unit"));

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aReadingFromTheFutureIsRefused() {
        send("patient-1", patient, List.of(bp(130, 85, Instant.now().plus(1, ChronoUnit.DAYS))))
                .statusCode(400).body("errors[0].field", equalTo("readings[0].measuredAt"));
    }

    @Test
    void aPatientNeverSeesNorWritesAnothersReadings() {
        Clinic.realName("patient-2");
        send("patient-1", patient, List.of(bp(135, 85, Instant.now().minus(3, ChronoUnit.HOURS)))).statusCode(201);

        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/" + patient + "/readings")
                .then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/" + patient + "/readings/summary")
                .then().statusCode(404);
        send("patient-2", patient, List.of(bp(135, 85, Instant.now()))).statusCode(404);
        // an operator may read them (and the read is audited)
        given().header("Authorization", Keycloak.bearer("operator-1")).when().get("/api/v1/patients/" + patient + "/readings")
                .then().statusCode(200);
    }

    @Test
    void theSummaryGivesAveragesTimeInTargetAndWeeks() {
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS);
        send("patient-1", patient, List.of(bp(150, 95, base), bp(120, 80, base.minus(1, ChronoUnit.HOURS)))).statusCode(201);

        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/patients/" + patient + "/readings/summary")
                .then().statusCode(200)
                .body("kinds.find { it.kind == 'BLOOD_PRESSURE' }.readings", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("kinds.find { it.kind == 'BLOOD_PRESSURE' }.weeks", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("from", "2026-01-01").queryParam("to", "2025-01-01")
                .when().get("/api/v1/patients/" + patient + "/readings/summary").then().statusCode(400);
    }
}
