package org.ihospital.consultation.clinicalrecord;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The care team keeps the record; the patient reads it; for anyone else the patient does not exist. */
@QuarkusTest
class ClinicalRecordTest {

    private static UUID patientWithDoctor1(String patient) {
        UUID appointment = Clinic.book(patient, Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        return (UUID) Database.rows("select patient_id from appointment where id = ?", appointment).get(0).get("patient_id");
    }

    @Test
    void theCareTeamKeepsAllergiesAndMedicationThePatientReadsThem() {
        UUID patient = patientWithDoctor1("patient-2");
        String base = "/api/v1/patients/" + patient;
        String allergy = given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("substance", "sulfonamides", "reaction", "hives", "severity", "MODERATE"))
                .when().post(base + "/allergies").then().statusCode(201).extract().path("id");
        String medication = given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("name", "amlodipine 5 mg", "drugCode", "AMLODIPINE-5MG-TAB", "dosage", "1 tablet daily",
                        "since", LocalDate.now().minusMonths(6).toString()))
                .when().post(base + "/medications").then().statusCode(201).extract().path("id");
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get(base + "/record").then().statusCode(200)
                .body("allergies.substance", hasItem("sulfonamides"), "medications.drugCode", hasItem("AMLODIPINE-5MG-TAB"));

        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post(base + "/allergies/" + allergy + "/resolve").then().statusCode(204);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post(base + "/medications/" + medication + "/stop").then().statusCode(204);
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get(base + "/record").then().statusCode(200)
                .body("allergies.id", not(hasItem(allergy)), "medications.id", not(hasItem(medication)));
    }

    @Test
    void outsideTheCareTeamThePatientDoesNotExist() {
        UUID patient = patientWithDoctor1("patient-1");
        String base = "/api/v1/patients/" + patient;
        Map<String, String> before = Database.fingerprint("patient_condition", "allergy", "medication");
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get(base + "/record").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON)
                .body(Map.of("substance", "aspirin", "severity", "SEVERE"))
                .when().post(base + "/allergies").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get(base + "/record").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("icd10", "I10", "diagnosedOn", "2024-01-01", "source", "myself"))
                .when().post(base + "/conditions").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/patients/" + UUID.randomUUID() + "/record")
                .then().statusCode(404);
        assertThat(Database.fingerprint("patient_condition", "allergy", "medication")).isEqualTo(before);
    }

    @Test
    void badRecordEntriesAreRefusedAndChangeNothing() {
        UUID patient = patientWithDoctor1("patient-1");
        String base = "/api/v1/patients/" + patient;
        String bearer = Keycloak.bearer("doctor-1");
        Map<String, String> before = Database.fingerprint("patient_condition", "allergy", "medication");
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("icd10", "Z99.999", "diagnosedOn", "2024-01-01", "source", "clinic"))
                .when().post(base + "/conditions").then().statusCode(422).body("type", equalTo("/problems/unknown-icd10-code"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("icd10", "I10", "diagnosedOn", LocalDate.now().plusDays(5).toString(), "source", "clinic"))
                .when().post(base + "/conditions").then().statusCode(400).body("errors[0].field", equalTo("diagnosedOn"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("icd10", "I10", "diagnosedOn", "last year", "source", "clinic"))
                .when().post(base + "/conditions").then().statusCode(400).body("errors[0].field", equalTo("diagnosedOn"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("substance", "penicillin", "severity", "DEADLY"))
                .when().post(base + "/allergies").then().statusCode(400).body("errors[0].field", equalTo("severity"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("name", "mystery pill", "drugCode", "NOT-A-DRUG"))
                .when().post(base + "/medications").then().statusCode(400).body("errors[0].field", equalTo("drugCode"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("[]")
                .when().post(base + "/medications").then().statusCode(400).body("type", equalTo("/problems/malformed-json"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .when().post(base + "/allergies/" + UUID.randomUUID() + "/resolve").then().statusCode(404);
        assertThat(Database.fingerprint("patient_condition", "allergy", "medication")).isEqualTo(before);
    }

    @Test
    void aCancelledVisitGivesTheDoctorNoAccessToTheRecord() {
        String patient = Keycloak.newUser("care-team", "patient");
        UUID appointment = Clinic.book(patient, Clinic.freshSlots(Clinic.doctor("doctor-2"), 1).get(0));
        UUID patientId = Clinic.patientOf(appointment);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/patients/" + patientId + "/record")
                .then().statusCode(200);
        given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/patients/" + patientId + "/record")
                .then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON)
                .body(Map.of("substance", "aspirin", "severity", "SEVERE"))
                .when().post("/api/v1/patients/" + patientId + "/allergies").then().statusCode(404);
    }

    @Test
    void aDoctorWhoSawThePatientLongAgoIsNoLongerOnTheCareTeam() {
        String patient = Keycloak.newUser("care-team", "patient");
        UUID appointment = Clinic.book(patient, Clinic.freshSlots(Clinic.doctor("doctor-2"), 1).get(0));
        UUID patientId = Clinic.patientOf(appointment);
        // the visit took place 181 days ago
        Database.execute("update appointment set status = 'COMPLETED', starts_at = now() - interval '181 days',"
                + " ends_at = now() - interval '181 days' + interval '15 minutes' where id = ?", appointment);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/patients/" + patientId + "/record")
                .then().statusCode(404);
        Database.execute("update appointment set starts_at = now() - interval '179 days',"
                + " ends_at = now() - interval '179 days' + interval '15 minutes' where id = ?", appointment);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/patients/" + patientId + "/record")
                .then().statusCode(200);
    }
}
