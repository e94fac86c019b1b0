package org.ihospital.consultation.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ScheduleTest {

    private static Map<String, Object> hours(LocalDate day, String start, String end) {
        return Map.of("day", day.toString(), "start", start, "end", end, "slotMinutes", 20);
    }

    @Test
    void aDoctorPlansTheirOwnHoursWhichAreCutIntoSlots() {
        UUID doctor = Clinic.doctor("doctor-1");
        LocalDate day = LocalDate.now(Clinic.ZONE).plusDays(88);
        var slots = given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(hours(day, "21:00", "22:10"))
                .when().post("/api/v1/doctors/" + doctor + "/schedules")
                .then().statusCode(201).body("slots", hasSize(3), "slots.status", everyItem(equalTo("OPEN")))
                .extract().jsonPath().getList("slots.id", String.class);

        given().header("Authorization", Keycloak.bearer("patient-1"))
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/doctors/" + doctor + "/slots")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.hasItems(slots.toArray(String[]::new)));

        // a booked slot is no longer listed as free
        Clinic.book("patient-1", UUID.fromString(slots.get(0)));
        given().header("Authorization", Keycloak.bearer("patient-2"))
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/doctors/" + doctor + "/slots")
                .then().statusCode(200).body("id", not(hasItem(slots.get(0))), "id", hasItem(slots.get(1)));
    }

    @Test
    void overlappingHoursAreRefusedWhoeverPlansThem() {
        UUID doctor = Clinic.doctor("doctor-2");
        LocalDate day = LocalDate.now(Clinic.ZONE).plusDays(85);
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON).body(hours(day, "08:00", "09:00"))
                .when().post("/api/v1/doctors/" + doctor + "/schedules").then().statusCode(201);
        Map<String, String> before = Database.fingerprint("schedule", "slot");
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(hours(day, "08:50", "10:00"))
                .when().post("/api/v1/doctors/" + doctor + "/schedules")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("/problems/schedule-overlaps"));
        assertThat(Database.fingerprint("schedule", "slot")).isEqualTo(before);
        // adjacent hours are fine
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(hours(day, "09:00", "09:40"))
                .when().post("/api/v1/doctors/" + doctor + "/schedules").then().statusCode(201).body("slots", hasSize(2));
    }

    @Test
    void aDoctorCannotPlanAnotherDoctorsHours() {
        UUID other = Clinic.doctor("doctor-2");
        Map<String, String> before = Database.fingerprint("schedule", "slot");
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(hours(LocalDate.now(Clinic.ZONE).plusDays(86), "08:00", "09:00"))
                .when().post("/api/v1/doctors/" + other + "/schedules")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(hours(LocalDate.now(Clinic.ZONE).plusDays(86), "08:00", "09:00"))
                .when().post("/api/v1/doctors/" + other + "/schedules")
                .then().statusCode(403);
        assertThat(Database.fingerprint("schedule", "slot")).isEqualTo(before);
    }

    @Test
    void badHoursAreRefusedAndChangeNothing() {
        UUID doctor = Clinic.doctor("doctor-1");
        String bearer = Keycloak.bearer("operator-1");
        LocalDate day = LocalDate.now(Clinic.ZONE).plusDays(87);
        Map<String, String> before = Database.fingerprint("schedule", "slot");
        record Case(Object body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case(hours(day, "10:00", "09:00"), 400, "end"),
                new Case(hours(day, "10:00", "10:10"), 400, "end"),
                new Case(hours(LocalDate.now(Clinic.ZONE).minusDays(1), "10:00", "11:00"), 400, "day"),
                new Case(hours(LocalDate.now(Clinic.ZONE).plusDays(400), "10:00", "11:00"), 400, "day"),
                // today, but hours that began at midnight
                new Case(hours(LocalDate.now(Clinic.ZONE), "00:00", "00:30"), 400, "start"),
                new Case(Map.of("day", day.toString(), "start", "10:00", "end", "11:00", "slotMinutes", 0), 400, "slotMinutes"),
                new Case(Map.of("day", "tomorrow", "start", "10:00", "end", "11:00", "slotMinutes", 15), 400, "day"),
                new Case(Map.of("day", day.toString(), "start", "25:00", "end", "11:00", "slotMinutes", 15), 400, "start"),
                new Case(Map.of("day", day.toString(), "end", "11:00", "slotMinutes", 15), 400, "start"));
        for (Case c : cases) {
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(c.body())
                    .when().post("/api/v1/doctors/" + doctor + "/schedules")
                    .then().statusCode(c.status()).contentType("application/problem+json").body("errors.field", hasItem(c.field()));
        }
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(hours(day, "10:00", "11:00"))
                .when().post("/api/v1/doctors/" + UUID.randomUUID() + "/schedules").then().statusCode(404);
        given().header("Authorization", bearer).queryParam("from", "2026-13-01")
                .when().get("/api/v1/doctors/" + doctor + "/slots").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().header("Authorization", bearer).queryParam("from", "2027-01-01").queryParam("to", "2027-06-01")
                .when().get("/api/v1/doctors/" + doctor + "/slots").then().statusCode(400).body("errors[0].field", equalTo("to"));
        assertThat(Database.fingerprint("schedule", "slot")).isEqualTo(before);
    }
}
