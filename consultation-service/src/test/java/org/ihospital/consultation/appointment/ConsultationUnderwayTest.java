package org.ihospital.consultation.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Once the doctor opened the consultation, neither side can cancel or move the visit, and nobody else can take its slot. */
@QuarkusTest
class ConsultationUnderwayTest {

    @Test
    void anOpenConsultationHoldsTheVisit() {
        UUID doctor = Clinic.doctor("doctor-1");
        List<UUID> slots = Clinic.freshSlots(doctor, 2);
        UUID appointment = Clinic.book("patient-1", slots.get(0));
        UUID consultation = Clinic.open(appointment);
        Map<String, String> before = Database.fingerprint("appointment", "slot", "outbox_event");

        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("/problems/consultation-underway"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(409).body("type", equalTo("/problems/consultation-underway"));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(1).toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(409).body("type", equalTo("/problems/consultation-underway"));
        Clinic.realName("patient-2");
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(0).toString(), "reason", "follow-up"))
                .when().post("/api/v1/appointments").then().statusCode(409).body("type", equalTo("/problems/slot-already-taken"));

        assertThat(Database.fingerprint("appointment", "slot", "outbox_event")).isEqualTo(before);
        assertThat(Database.rows("select status from consultation where id = ?", consultation).get(0).get("status")).isEqualTo("OPEN");
    }
}
