package org.ihospital.consultation.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BookingTest {

    @org.junit.jupiter.api.BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/api/v1/appointments")
    URL appointments;

    UUID doctor;

    @BeforeEach
    void doctor() {
        doctor = Clinic.doctor("doctor-1");
    }

    @Test
    void fiftyPatientsRacingForOneSlotLeaveExactlyOneAppointment() throws Exception {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        String[] tokens = { Keycloak.accessToken("patient-1"), Keycloak.accessToken("patient-2") };
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String token = tokens[i % 2];
            answers.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(appointments.toURI())
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slot + "\",\"reason\":\"race\"}")).build();
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(Database.count("select count(*) from appointment where slot_id = ?", slot)).isEqualTo(1);
        assertThat(Database.count("select count(*) from outbox_event where type = 'hospital.appointment.booked.v1' and payload->>'slotId' = ?",
                slot.toString())).isEqualTo(1);
        assertThat(Database.rows("select status from slot where id = ?", slot).get(0).get("status")).isEqualTo("BOOKED");
    }

    @Test
    void aRetriedBookingWithTheSameKeyGetsTheFirstAnswer() {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        String key = UUID.randomUUID().toString();
        var body = Map.of("slotId", slot.toString(), "reason", "refill");
        String first = given().header("Authorization", Keycloak.bearer("patient-1")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/appointments")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        // the same body with its fields in another order is the same request
        given().header("Authorization", Keycloak.bearer("patient-1")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"reason\":\"refill\",\"slotId\":\"" + slot + "\"}")
                .when().post("/api/v1/appointments")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/appointments/" + first)).body("id", equalTo(first));
        assertThat(Database.count("select count(*) from appointment where slot_id = ?", slot)).isEqualTo(1);

        given().header("Authorization", Keycloak.bearer("patient-1")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("slotId", slot.toString(), "reason", "something else"))
                .when().post("/api/v1/appointments")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("/problems/idempotency-key-reused"));

        // another patient's identical key is another key: their request is judged on its own (the slot is taken)
        given().header("Authorization", Keycloak.bearer("patient-2")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/appointments")
                .then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));
    }

    @Test
    void concurrentRetriesWithOneKeyBookOnce() throws Exception {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        String key = UUID.randomUUID().toString();
        String token = Keycloak.accessToken("patient-2");
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(appointments.toURI()).header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slot + "\",\"reason\":\"retry storm\"}")).build();
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (var answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();
        // one booking; a retry that overlaps it is told at once that it is in flight, a later one gets its answer
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.body()).contains("/problems/idempotent-request-in-flight"));
        assertThat(responses).filteredOn(r -> r.statusCode() == 201 && r.headers().firstValue("Idempotent-Replayed").orElse("").equals("false"))
                .hasSize(1);
        assertThat(responses.stream().filter(r -> r.statusCode() == 201).map(r -> r.headers().firstValue("Location").orElseThrow())
                .distinct()).hasSize(1);
        assertThat(Database.count("select count(*) from appointment where slot_id = ?", slot)).isEqualTo(1);
    }

    @Test
    void aPatientSeesOnlyTheirOwnAppointments() {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        UUID appointment = Clinic.book("patient-1", slot);

        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/appointments/" + appointment)
                .then().statusCode(200).body("slotId", equalTo(slot.toString()), "status", equalTo("BOOKED"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment)
                .then().statusCode(200);
        // for anyone else it does not exist, whatever they try
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/appointments/" + appointment)
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(404).contentType(PROBLEM);
        UUID other = Clinic.freshSlots(doctor, 1).get(0);
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("slotId", other.toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/appointments/" + appointment)
                .then().statusCode(404);
        List<String> ids = given().header("Authorization", Keycloak.bearer("patient-2")).queryParam("limit", 100)
                .when().get("/api/v1/appointments").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(ids).doesNotContain(appointment.toString());
        assertThat(Database.rows("select status from appointment where id = ?", appointment).get(0).get("status")).isEqualTo("BOOKED");
    }

    @Test
    void theListIsPaginatedByCursorInStartOrder() {
        List<UUID> slots = Clinic.freshSlots(doctor, 3);
        List<UUID> booked = slots.stream().map(s -> Clinic.book("patient-2", s)).toList();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", Keycloak.bearer("patient-2")).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/appointments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(booked.stream().map(UUID::toString).toList());
        given().header("Authorization", Keycloak.bearer("patient-2")).queryParam("cursor", "not-a-cursor")
                .when().get("/api/v1/appointments").then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }

    @Test
    void cancellingFreesTheSlotAndReschedulingMovesTheVisit() {
        List<UUID> slots = Clinic.freshSlots(doctor, 2);
        UUID appointment = Clinic.book("patient-1", slots.get(0));

        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(1).toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(200).body("slotId", equalTo(slots.get(1).toString()));
        assertThat(slotStatus(slots.get(0))).isEqualTo("OPEN");
        assertThat(slotStatus(slots.get(1))).isEqualTo("BOOKED");

        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(slotStatus(slots.get(1))).isEqualTo("OPEN");
        // once cancelled, it stays cancelled
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(409).body("type", equalTo("/problems/appointment-not-booked"));
        // and the slot can be booked again
        Clinic.book("patient-2", slots.get(1));
    }

    @Test
    void aVisitMovesOnlyToAFreeSlotOfTheSameDoctor() {
        List<UUID> slots = Clinic.freshSlots(doctor, 2);
        UUID appointment = Clinic.book("patient-1", slots.get(0));
        Clinic.book("patient-2", slots.get(1));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(1).toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));

        UUID otherDoctorsSlot = Clinic.freshSlots(Clinic.doctor("doctor-2"), 1).get(0);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", otherDoctorsSlot.toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(422).body("type", equalTo("/problems/reschedule-other-doctor"));
        assertThat(Database.rows("select slot_id from appointment where id = ?", appointment).get(0).get("slot_id"))
                .isEqualTo(slots.get(0));
        assertThat(slotStatus(otherDoctorsSlot)).isEqualTo("OPEN");
    }

    @Test
    void theDoctorRecordsANoShowOnlyOnceTheVisitHasBegun() {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        UUID appointment = Clinic.book("patient-2", slot);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/no-show")
                .then().statusCode(409).body("type", equalTo("/problems/visit-not-started"));
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/no-show")
                .then().statusCode(403);

        // the visit's time comes (the clock is the database's: move the visit into the past)
        Database.execute("update appointment set starts_at = now() - interval '10 minutes', ends_at = now() + interval '5 minutes' where id = ?",
                appointment);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/no-show")
                .then().statusCode(200).body("status", equalTo("NO_SHOW"));
    }

    @Test
    void badBookingsAreRefusedAndChangeNothing() {
        UUID slot = Clinic.freshSlots(doctor, 1).get(0);
        Map<String, String> before = Database.fingerprint("appointment", "slot", "outbox_event", "idempotency_key");
        String bearer = Keycloak.bearer("patient-1");
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("{\"slotId\": ")
                .when().post("/api/v1/appointments").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("/problems/malformed-json"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "x", "priority", "vip"))
                .when().post("/api/v1/appointments").then().statusCode(400).body("errors[0].field", equalTo("priority"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("slotId", 42, "reason", "x"))
                .when().post("/api/v1/appointments").then().statusCode(400).body("errors[0].field", equalTo("slotId"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("slotId", slot.toString(), "reason", " "))
                .when().post("/api/v1/appointments").then().statusCode(400).body("errors", hasSize(1), "errors[0].field", equalTo("reason"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("slotId", UUID.randomUUID().toString(), "reason", "x"))
                .when().post("/api/v1/appointments").then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().header("Authorization", bearer).header("Idempotency-Key", "x".repeat(300)).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "x"))
                .when().post("/api/v1/appointments").then().statusCode(400).body("type", equalTo("/problems/invalid-idempotency-key"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "x"))
                .when().post("/api/v1/appointments").then().statusCode(403).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("slotId", slot.toString(), "reason", "x"))
                .when().post("/api/v1/appointments").then().statusCode(401).contentType(PROBLEM).body("requestId", notNullValue());
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("slotId", slot.toString()))
                .when().post("/api/v1/appointments/" + UUID.randomUUID() + "/reschedule").then().statusCode(404);
        given().header("Authorization", bearer).queryParam("limit", 0)
                .when().get("/api/v1/appointments").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        assertThat(Database.fingerprint("appointment", "slot", "outbox_event", "idempotency_key")).isEqualTo(before);
    }

    static String slotStatus(UUID slot) {
        return (String) Database.rows("select status from slot where id = ?", slot).get(0).get("status");
    }
}
