package org.ihospital.consultation;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.ihospital.commons.testing.Keycloak;

import io.restassured.http.ContentType;

/**
 * Test fixtures in the clinic's own terms: registered doctors and fresh clinic hours. Every call to
 * {@link #freshSlots} plans hours that no other test uses, so tests never compete for a slot by accident.
 */
public final class Clinic {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger();

    private Clinic() {
    }

    /** The doctor record of a demo doctor account (doctor-1, doctor-2), registered by the operator if needed. */
    public static synchronized UUID doctor(String user) {
        String subject = Keycloak.subject(user);
        var existing = given().header("Authorization", Keycloak.bearer("operator-1"))
                .when().get("/api/v1/doctors")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.name == '" + user + " (test)' }.id", String.class);
        if (!existing.isEmpty()) {
            return UUID.fromString(existing.get(0));
        }
        String id = given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", subject, "name", user + " (test)", "licenceNumber", "LIC" + subject.replace("-", "").substring(20),
                        "title", "主治医师 Attending Physician", "bio", "Hypertension and diabetes follow-up.",
                        "departments", Set.of("CARDIOLOGY", "ENDOCRINOLOGY")))
                .when().post("/api/v1/doctors")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Plans {@code count} 15-minute slots of {@code doctor} in hours no other test has used, and returns their ids. */
    public static List<UUID> freshSlots(UUID doctor, String asUser, int count) {
        int block = NEXT_BLOCK.getAndIncrement();
        LocalDate day = LocalDate.now(ZONE).plusDays(2 + block / 8);
        LocalTime start = LocalTime.of(8, 0).plusMinutes(90L * (block % 8));
        return given().header("Authorization", Keycloak.bearer(asUser)).contentType(ContentType.JSON)
                .body(Map.of("day", day.toString(), "start", start.toString(), "end", start.plusMinutes(15L * count).toString(),
                        "slotMinutes", 15))
                .when().post("/api/v1/doctors/" + doctor + "/schedules")
                .then().statusCode(201).extract().jsonPath().getList("slots.id", String.class)
                .stream().map(UUID::fromString).toList();
    }

    public static List<UUID> freshSlots(UUID doctor, int count) {
        return freshSlots(doctor, "operator-1", count);
    }

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();

    /** A day (from 40 days ahead on) on which the doctor has only these slots: for waitlist tests. */
    public static Day freshDay(UUID doctor, int count) {
        LocalDate day = LocalDate.now(ZONE).plusDays(40 + NEXT_DAY.getAndIncrement());
        List<UUID> slots = given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("day", day.toString(), "start", "09:00", "end", LocalTime.of(9, 0).plusMinutes(15L * count).toString(),
                        "slotMinutes", 15))
                .when().post("/api/v1/doctors/" + doctor + "/schedules")
                .then().statusCode(201).extract().jsonPath().getList("slots.id", String.class)
                .stream().map(UUID::fromString).toList();
        return new Day(day, slots);
    }

    public record Day(LocalDate day, List<UUID> slots) {
    }

    /** A consultation opened by doctor-1 for a fresh appointment of {@code patient}; returns its id. */
    public static UUID openConsultation(String patient) {
        return open(bookWithDoctor1(patient));
    }

    /** A fresh appointment of {@code patient} with doctor-1 (which puts doctor-1 on the patient's care team). */
    public static UUID bookWithDoctor1(String patient) {
        return book(patient, freshSlots(doctor("doctor-1"), 1).get(0));
    }

    /** doctor-1 opens the appointment's consultation; returns its id. */
    public static UUID open(UUID appointment) {
        String id = given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** The patient record id of an appointment. */
    public static UUID patientOf(UUID appointment) {
        return (UUID) org.ihospital.commons.testing.Database.rows("select patient_id from appointment where id = ?", appointment)
                .get(0).get("patient_id");
    }

    /** doctor-1 diagnoses and completes the consultation. */
    public static void complete(UUID consultation, String icd10) {
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("icd10", icd10, "note", "stable on treatment"))
                .when().post("/api/v1/consultations/" + consultation + "/diagnoses").then().statusCode(201);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/consultations/" + consultation + "/complete").then().statusCode(200);
    }

    /** Gives the patient account a real-name profile (name and a valid resident ID-card number), which booking needs. */
    public static void realName(String patient) {
        given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .body(Map.of("name", "测试" + Math.abs(patient.hashCode() % 1000), "idCard", idCard(patient.hashCode()), "phone", "13800138000",
                        "region", "310104"))
                .when().put("/api/v1/patients/me").then().statusCode(200);
    }

    /** A valid mainland resident ID-card number (GB 11643 check character), different per seed. */
    public static String idCard(int seed) {
        String body = "310104" + "1980" + String.format("%02d", 1 + Math.abs(seed % 12)) + String.format("%02d", 1 + Math.abs(seed % 28))
                + String.format("%03d", Math.abs(seed % 1000));
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** Books a slot as a patient (with a real-name profile) and returns the appointment id. */
    public static UUID book(String patient, UUID slot) {
        realName(patient);
        String id = given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "blood pressure follow-up"))
                .when().post("/api/v1/appointments")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
