package org.ihospital.consultation.waitlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class WaitlistInputTest {

    @Test
    void badWaitlistRequestsAreRefusedAndChangeNothing() {
        UUID doctor = Clinic.doctor("doctor-1");
        String bearer = Keycloak.bearer("patient-1");
        Map<String, String> before = Database.fingerprint("waitlist_entry");
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", LocalDate.now(Clinic.ZONE).minusDays(1).toString()))
                .when().post("/api/v1/waitlist").then().statusCode(400).body("errors[0].field", equalTo("day"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", LocalDate.now(Clinic.ZONE).plusDays(400).toString()))
                .when().post("/api/v1/waitlist").then().statusCode(400).body("errors[0].field", equalTo("day"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("doctorId", UUID.randomUUID().toString(), "day", LocalDate.now(Clinic.ZONE).plusDays(3).toString()))
                .when().post("/api/v1/waitlist").then().statusCode(404);
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("doctorId", "doctor-1", "day", "2030-01-01"))
                .when().post("/api/v1/waitlist").then().statusCode(400).body("errors[0].field", equalTo("doctorId"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("{\"doctorId\":")
                .when().post("/api/v1/waitlist").then().statusCode(400).body("type", equalTo("/problems/malformed-json"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + UUID.randomUUID() + "/accept").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", LocalDate.now(Clinic.ZONE).plusDays(3).toString()))
                .when().post("/api/v1/waitlist").then().statusCode(403);
        assertThat(Database.fingerprint("waitlist_entry")).isEqualTo(before);
    }
}
