package org.ihospital.consultation.waitlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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

/** In the test profile a freed slot is held for 3 s and offers are swept every second. */
@QuarkusTest
class WaitlistTest {

    @org.junit.jupiter.api.BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    @TestHTTPResource("/api/v1")
    URL api;

    UUID doctor;

    @BeforeEach
    void doctor() {
        doctor = Clinic.doctor("doctor-1");
    }

    private String join(String patient, Clinic.Day day) {
        return given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", day.day().toString()))
                .when().post("/api/v1/waitlist")
                .then().statusCode(201).body("status", equalTo("WAITING")).extract().path("id");
    }

    private static void cancel(String who, UUID appointment) {
        given().header("Authorization", Keycloak.bearer(who)).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel").then().statusCode(200);
    }

    private static Map<String, Object> entry(String id) {
        return Database.rows("select status, offered_slot_id, appointment_id from waitlist_entry where id = ?::uuid", id).get(0);
    }

    @Test
    void aFreedSlotIsOfferedToTheFirstWaiterAndHeldForThem() {
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        UUID slot = day.slots().get(0);
        UUID appointment = Clinic.book("patient-1", slot);

        String place = join("patient-2", day);
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", day.day().toString()))
                .when().post("/api/v1/waitlist").then().statusCode(409).body("type", equalTo("/problems/already-waiting"));
        // the patient who holds that day's visit does not queue for a second one
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", day.day().toString()))
                .when().post("/api/v1/waitlist").then().statusCode(409).body("type", equalTo("/problems/already-booked-that-day"));

        cancel("patient-1", appointment);
        assertThat(entry(place).get("status")).isEqualTo("OFFERED");
        assertThat(entry(place).get("offered_slot_id")).isEqualTo(slot);
        assertThat(BookingSlots.status(slot)).isEqualTo("HELD");
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/waitlist")
                .then().statusCode(200).body("[0].id", equalTo(place), "[0].offeredSlotId", equalTo(slot.toString()),
                        "[0].offerExpiresAt", notNullValue());

        // held: nobody else can take it, not even the patient who gave it up
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "changed my mind"))
                .when().post("/api/v1/appointments").then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));

        String booked = given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).extract().path("appointmentId");
        assertThat(Database.rows("select patient_id, status from appointment where id = ?::uuid", booked).get(0).get("status"))
                .isEqualTo("BOOKED");
        assertThat(BookingSlots.status(slot)).isEqualTo("BOOKED");
    }

    @Test
    void silencePassesTheOfferToTheNextInLine() {
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        UUID slot = day.slots().get(0);
        UUID appointment = Clinic.book("patient-1", slot);
        String first = join("patient-2", day);
        cancel("patient-1", appointment);
        // the slot is held for patient-2, so the day has no free slot and patient-1 can queue behind
        String second = join("patient-1", day);

        await().atMost(Duration.ofSeconds(15)).until(() -> "EXPIRED".equals(entry(first).get("status")));
        await().atMost(Duration.ofSeconds(5)).until(() -> "OFFERED".equals(entry(second).get("status")));
        assertThat(entry(second).get("offered_slot_id")).isEqualTo(slot);

        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + first + "/accept")
                .then().statusCode(409).body("type", equalTo("/problems/offer-expired"));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + second + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    @Test
    void whileAnOfferIsHeldOnlyItsPatientCanBookTheSlot() throws Exception {
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        UUID slot = day.slots().get(0);
        UUID appointment = Clinic.book("patient-1", slot);
        String place = join("patient-2", day);
        cancel("patient-1", appointment);

        String intruder = Keycloak.accessToken("patient-1");
        String waiter = Keycloak.accessToken("patient-2");
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(21);
        List<Future<Integer>> intrusions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            intrusions.add(pool.submit(() -> send(http, start, intruder, "POST", "/appointments",
                    "{\"slotId\":\"" + slot + "\",\"reason\":\"sneak in\"}")));
        }
        Future<Integer> acceptance = pool.submit(() -> send(http, start, waiter, "POST", "/waitlist/" + place + "/accept", ""));
        start.countDown();
        for (Future<Integer> intrusion : intrusions) {
            assertThat(intrusion.get()).isEqualTo(409);
        }
        assertThat(acceptance.get()).isEqualTo(200);
        pool.shutdown();
        assertThat(Database.count("select count(*) from appointment where slot_id = ? and status = 'BOOKED'", slot)).isEqualTo(1);
        assertThat(Database.rows("select a.id from appointment a join patient p on p.id = a.patient_id"
                + " where a.slot_id = ? and a.status = 'BOOKED' and p.user_id = ?", slot, Keycloak.subject("patient-2"))).hasSize(1);
    }

    @Test
    void acceptingAtTheMomentTheHoldRunsOutHasOneOutcome() throws Exception {
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        UUID slot = day.slots().get(0);
        UUID appointment = Clinic.book("patient-1", slot);
        String place = join("patient-2", day);
        cancel("patient-1", appointment);
        Instant expires = ((java.sql.Timestamp) Database.rows("select offer_expires_at from waitlist_entry where id = ?::uuid", place)
                .get(0).get("offer_expires_at")).toInstant();

        // accept right at the deadline, while the sweeper may be expiring the same offer
        long wait = Duration.between(Instant.now(), expires).toMillis() - 20;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        int status = given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/accept").then().extract().statusCode();

        await().atMost(Duration.ofSeconds(10)).until(() -> !"OFFERED".equals(entry(place).get("status")));
        long live = Database.count("select count(*) from appointment where slot_id = ? and status = 'BOOKED'", slot);
        if (status == 200) {
            assertThat(entry(place).get("status")).isEqualTo("ACCEPTED");
            assertThat(live).isEqualTo(1);
            assertThat(BookingSlots.status(slot)).isEqualTo("BOOKED");
        } else {
            assertThat(status).isEqualTo(409);
            assertThat(entry(place).get("status")).isEqualTo("EXPIRED");
            assertThat(live).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> "OPEN".equals(BookingSlots.status(slot)));
        }
    }

    @Test
    void noQueueWhileTheDayHasFreeSlots() {
        Clinic.Day day = Clinic.freshDay(doctor, 2);
        Clinic.book("patient-1", day.slots().get(0));
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", day.day().toString()))
                .when().post("/api/v1/waitlist").then().statusCode(409).body("type", equalTo("/problems/free-slots-available"));
        assertThat(Database.count("select count(*) from waitlist_entry where doctor_id = ? and day = ?", doctor, day.day())).isZero();
    }

    @Test
    void anotherPatientsPlaceDoesNotExistForThem() {
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        Clinic.book("patient-1", day.slots().get(0));
        String place = join("patient-2", day);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/leave").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/accept").then().statusCode(404);
        assertThat(entry(place).get("status")).isEqualTo("WAITING");
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/leave").then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    private int send(HttpClient http, CountDownLatch start, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        start.await();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Slot state, read straight from the database. */
    static final class BookingSlots {
        static String status(UUID slot) {
            return (String) Database.rows("select status from slot where id = ?", slot).get(0).get("status");
        }
    }
}
