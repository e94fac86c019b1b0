package org.ihospital.consultation.doctor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class DoctorTest {

    @Test
    void patientsFindDoctorsByDepartment() {
        UUID doctor = Clinic.doctor("doctor-1");
        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("department", "CARDIOLOGY")
                .when().get("/api/v1/doctors").then().statusCode(200).body("id", hasItem(doctor.toString()));
        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("department", "DERMATOLOGY")
                .when().get("/api/v1/doctors").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(doctor.toString())));
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/doctors/" + doctor)
                .then().statusCode(200).body("departments", hasItem("ENDOCRINOLOGY"), "licenceNumber", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/doctors/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aDoctorFindsTheirOwnRecordAndAnUnregisteredAccountFindsNone() {
        UUID doctor = Clinic.doctor("doctor-1");
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/doctors/me")
                .then().statusCode(200).body("id", equalTo(doctor.toString()));
        String unregistered = Keycloak.newUser("new-doctor", "doctor");
        given().header("Authorization", Keycloak.bearer(unregistered)).when().get("/api/v1/doctors/me")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/doctors/me").then().statusCode(403);
    }

    @Test
    void onlyOperatorsRegisterDoctorsAndEachOnlyOnce() {
        Clinic.doctor("doctor-1");
        Map<String, String> before = Database.fingerprint("doctor", "doctor_department");
        Map<String, Object> good = Map.of("userId", "someone-" + UUID.randomUUID(), "name", "Dr Z", "licenceNumber", "ZZ12345678",
                "title", "Resident", "departments", Set.of("CARDIOLOGY"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(good)
                .when().post("/api/v1/doctors").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", Keycloak.subject("doctor-1"), "name", "Again", "licenceNumber", "AG12345678", "title", "x",
                        "departments", Set.of("CARDIOLOGY")))
                .when().post("/api/v1/doctors").then().statusCode(409).body("type", equalTo("/problems/doctor-already-registered"));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", "u-" + UUID.randomUUID(), "name", "Dr Y", "licenceNumber", "YY12345678", "title", "x",
                        "departments", Set.of("ASTROLOGY")))
                .when().post("/api/v1/doctors").then().statusCode(422).body("type", equalTo("/problems/unknown-department"));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", "u", "name", "", "licenceNumber", "short", "title", "x", "departments", Set.of()))
                .when().post("/api/v1/doctors").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("name", "licenceNumber", "departments"));
        assertThat(Database.fingerprint("doctor", "doctor_department")).isEqualTo(before);
    }
}
