package org.ihospital.consultation.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What this service publishes on consultation.appointments is what contracts/ promises its consumers. */
@QuarkusTest
class AppointmentEventsContractTest {

    @org.junit.jupiter.api.BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    @Test
    void bookedCancelledAndRescheduledEventsConformToTheirSchemas() {
        UUID doctor = Clinic.doctor("doctor-1");
        List<UUID> slots = Clinic.freshSlots(doctor, 2);
        UUID appointment = Clinic.book("patient-1", slots.get(0));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("slotId", slots.get(1).toString()))
                .when().post("/api/v1/appointments/" + appointment + "/reschedule").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel").then().statusCode(200);

        var events = Database.rows("select type, topic, subject, payload::text as payload from outbox_event where subject = ? order by seq",
                appointment.toString());
        assertThat(events).extracting(e -> e.get("type")).containsExactly("hospital.appointment.booked.v1",
                "hospital.appointment.rescheduled.v1", "hospital.appointment.cancelled.v1");
        for (var event : events) {
            assertThat(event.get("topic")).isEqualTo("consultation.appointments");
            assertThat(EventContracts.violations((String) event.get("type"), (String) event.get("payload")))
                    .as("%s %s", event.get("type"), event.get("payload")).isEmpty();
        }
    }
}
