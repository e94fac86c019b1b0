package org.ihospital.consultation.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Against touts (号贩子): a booking needs a real-name patient, and one patient holds at most 5 upcoming
 * visits, 2 with one doctor, books at most 5 times a day and cancels at most 3 times a week (the defaults).
 */
@QuarkusTest
@TestProfile(BookingLimitsTest.DefaultLimits.class)
class BookingLimitsTest {

    /** The production defaults, which the other tests lift out of the way. */
    public static class DefaultLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hospital.consultation.booking.limits.open-appointments", "5",
                    "hospital.consultation.booking.limits.open-with-one-doctor", "2",
                    "hospital.consultation.booking.limits.bookings-per-day", "5",
                    "hospital.consultation.booking.limits.cancellations-per-week", "3");
        }
    }

    private static io.restassured.response.ValidatableResponse book(String patient, UUID slot) {
        return given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "follow-up")).when().post("/api/v1/appointments").then();
    }

    private static io.restassured.response.ValidatableResponse cancel(String patient, String appointment) {
        return given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel").then();
    }

    /** A doctor of its own (an account with the doctor role, registered by the operator). */
    private static UUID newDoctor() {
        String user = Keycloak.newUser("limits-doctor", "doctor");
        return UUID.fromString(given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", Keycloak.subject(user), "name", "Dr " + user, "licenceNumber", "LIC" + UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 12), "title", "主治医师", "departments", Set.of("CARDIOLOGY")))
                .when().post("/api/v1/doctors").then().statusCode(201).extract().path("id"));
    }

    private static long appointmentsOf(String patient) {
        return Database.count("select count(*) from appointment a join patient p on p.id = a.patient_id where p.user_id = ?",
                Keycloak.subject(patient));
    }

    @Test
    void bookingNeedsARealNameProfile() {
        String patient = Keycloak.newUser("no-profile", "patient");
        book(patient, Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0))
                .statusCode(422).contentType("application/problem+json").body("type", equalTo("/problems/real-name-required"));
        assertThat(appointmentsOf(patient)).isZero();
        Clinic.realName(patient);
        book(patient, Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0)).statusCode(201);
    }

    @Test
    void aPatientHoldsAtMostTwoVisitsWithOneDoctorAndFiveInAll() {
        String patient = Keycloak.newUser("hoarder", "patient");
        Clinic.realName(patient);
        UUID doctor = newDoctor();
        List<UUID> slots = Clinic.freshSlots(doctor, 3);
        book(patient, slots.get(0)).statusCode(201);
        book(patient, slots.get(1)).statusCode(201);
        book(patient, slots.get(2)).statusCode(422).body("type", equalTo("/problems/booking-limit-reached"));
        UUID second = newDoctor();
        List<UUID> more = Clinic.freshSlots(second, 2);
        book(patient, more.get(0)).statusCode(201);
        book(patient, more.get(1)).statusCode(201);
        book(patient, Clinic.freshSlots(newDoctor(), 1).get(0)).statusCode(201);
        // five booked today: the day's limit answers first (429) ...
        UUID sixth = Clinic.freshSlots(newDoctor(), 1).get(0);
        book(patient, sixth).statusCode(429).body("type", equalTo("/problems/too-many-bookings"));
        // ... and booked on earlier days, the five upcoming visits are the most a patient holds (422)
        Database.execute("update appointment set booked_at = booked_at - interval '1 day'"
                + " where patient_id = (select id from patient where user_id = ?)", Keycloak.subject(patient));
        book(patient, sixth).statusCode(422).body("type", equalTo("/problems/booking-limit-reached"));
        assertThat(appointmentsOf(patient)).isEqualTo(5);
    }

    @Test
    void aPatientCancelsAtMostThreeTimesAWeekAndBooksAtMostFiveTimesADay() {
        String patient = Keycloak.newUser("churner", "patient");
        Clinic.realName(patient);
        List<UUID> slots = Clinic.freshSlots(newDoctor(), 6);
        List<String> booked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            booked.add(book(patient, slots.get(i)).statusCode(201).extract().path("id"));
            if (i < 3) {
                cancel(patient, booked.get(i)).statusCode(200);
            }
        }
        cancel(patient, booked.get(3)).statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-cancellations"));
        book(patient, slots.get(4)).statusCode(201);
        book(patient, slots.get(5)).statusCode(429).body("type", equalTo("/problems/too-many-bookings"));
        assertThat(Database.rows("select status from appointment where id = ?::uuid", booked.get(3)).get(0).get("status"))
                .isEqualTo("BOOKED");
    }

    @Test
    void aBurstOfAHundredBookingsFromOneAccountGetsNoMoreThanTheLimits() throws Exception {
        String patient = Keycloak.newUser("burst", "patient");
        Clinic.realName(patient);
        List<UUID> slots = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            slots.addAll(Clinic.freshDay(newDoctor(), 25).slots());
        }
        String bearer = Keycloak.bearer(patient);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (UUID slot : slots) {
            answers.add(pool.submit(() -> {
                start.await();
                return given().header("Authorization", bearer).contentType(ContentType.JSON)
                        .body(Map.of("slotId", slot.toString(), "reason", "resale")).when().post("/api/v1/appointments").statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).hasSize(100).containsOnly(201, 422, 429);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5);
        assertThat(appointmentsOf(patient)).isEqualTo(5);
        assertThat(Database.count("""
                select max(n) from (select count(*) as n from appointment a join patient p on p.id = a.patient_id
                where p.user_id = ? group by a.doctor_id) per_doctor""", Keycloak.subject(patient))).isLessThanOrEqualTo(2);
    }
}
