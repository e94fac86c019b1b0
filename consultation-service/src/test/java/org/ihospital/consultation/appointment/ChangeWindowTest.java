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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With the change window closing 30 days ahead, every visit the fixtures plan is already past it. */
@QuarkusTest
@TestProfile(ChangeWindowTest.LongCutOff.class)
class ChangeWindowTest {

    public static class LongCutOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hospital.booking.change-cut-off", "P30D");
        }
    }

    @Test
    void afterTheCutOffAVisitCanNeitherBeCancelledNorMoved() {
        UUID doctor = Clinic.doctor("doctor-1");
        List<UUID> slots = Clinic.freshSlots(doctor, 2);
        UUID appointment = Clinic.book("patient-1", slots.get(0));

        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("/problems/change-window-closed"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(1).toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule")
                .then().statusCode(409).body("type", equalTo("/problems/change-window-closed"));

        assertThat(Database.rows("select status, slot_id from appointment where id = ?", appointment).get(0))
                .containsEntry("status", "BOOKED").containsEntry("slot_id", slots.get(0));
        assertThat(Database.rows("select status from slot where id = ?", slots.get(1)).get(0).get("status")).isEqualTo("OPEN");
    }
}
