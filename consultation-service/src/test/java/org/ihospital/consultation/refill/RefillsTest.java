package org.ihospital.consultation.refill;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.ihospital.consultation.prescription.PrescriptionTest;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The follow-up loop on the real database: a dispensed month of tablets is reminded a week before it runs
 * out (the time controlled through the dispensing event's time), once, with the doctor's next free slot;
 * one dispensed today is not; the doctor renews in one step after the follow-up visit, which ends the loop.
 */
@QuarkusTest
class RefillsTest {

    private static String dispensed(String prescription, Instant at) {
        String order = UUID.randomUUID().toString();
        PrescriptionTest.sendSagaEvent("pharmacy.orders", "order.dispensed", order, at,
                "{\"prescriptionId\":\"" + prescription + "\",\"orderId\":\"" + order + "\",\"pharmacyId\":\"partner-pharmacy-1\"}", true);
        return order;
    }

    private static String refillStatus(String prescription) {
        var rows = Database.rows("select status from refill where prescription_id = ?::uuid", prescription);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    private static UUID patientId(String patient) {
        return UUID.fromString(given().header("Authorization", Keycloak.bearer(patient)).when().get("/api/v1/patients/me")
                .then().statusCode(200).extract().path("id"));
    }

    @Test
    void aMonthDispensedTwentyFiveDaysAgoIsRemindedOnceWithTheDoctorsNextFreeSlot() {
        String patient = PrescriptionTest.freshPatient();
        String id = PrescriptionTest.issue(PrescriptionTest.prescription(PrescriptionTest.followUp(patient, "I10"),
                PrescriptionTest.item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        UUID doctor = Clinic.doctor("doctor-1");
        Clinic.freshSlots(doctor, 2); // within the days searched, whatever other tests booked
        Instant at = Instant.now().minus(25, ChronoUnit.DAYS);

        dispensed(id, at);

        await().atMost(Duration.ofSeconds(30)).until(() -> "REMINDED".equals(refillStatus(id)));
        var refill = Database.rows("select runs_out_on, remind_on, suggested_slot_id from refill where prescription_id = ?::uuid", id).get(0);
        LocalDate dispensedOn = LocalDate.ofInstant(at, Clinic.ZONE);
        assertThat(refill.get("runs_out_on").toString()).isEqualTo(dispensedOn.plusDays(30).toString());
        assertThat(refill.get("remind_on").toString()).isEqualTo(dispensedOn.plusDays(23).toString());
        UUID slot = (UUID) refill.get("suggested_slot_id");
        assertThat(slot).as("doctor-1 has free slots in the days searched").isNotNull();
        var suggested = Database.rows("select doctor_id, starts_at > now() as ahead from slot where id = ?", slot).get(0);
        assertThat(suggested.get("doctor_id")).isEqualTo(doctor);
        assertThat(suggested.get("ahead")).isEqualTo(true);

        // told once: the event (as the contract says) and the patient, through each of their channels
        var events = Database.rows("select subject, payload::text as payload from outbox_event where type = ? and payload ->> 'prescriptionId' = ?",
                "hospital.refill.due.v1", id);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("subject")).isEqualTo(patientId(patient).toString());
            assertThat(EventContracts.violations("hospital.refill.due.v1", (String) e.get("payload"))).isEmpty();
            assertThat((String) e.get("payload")).contains(slot.toString());
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> Database.count("""
                select count(*) from notification_delivery d join notification n on n.id = d.notification_id
                where n.subject_id = ?::uuid and n.kind = 'REFILL_DUE' and d.status = 'SENT'""", id) == 3);
        given().header("Authorization", Keycloak.bearer(patient)).when().get("/api/v1/notifications").then().statusCode(200)
                .body("find { it.subjectId == '" + id + "' }.kind", equalTo("REFILL_DUE"));
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/notifications").then().statusCode(200)
                .body("subjectId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));

        // the patient and the care team see it, another patient does not
        UUID record = patientId(patient);
        given().header("Authorization", Keycloak.bearer(patient)).when().get("/api/v1/patients/" + record + "/refills").then().statusCode(200)
                .body("find { it.prescriptionId == '" + id + "' }.status", equalTo("REMINDED"));
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/" + record + "/refills")
                .then().statusCode(404);

        // swept again and again, redelivered: still once
        dispensed(id, at);
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> Database.count(
                "select count(*) from outbox_event where type = 'hospital.refill.due.v1' and payload ->> 'prescriptionId' = ?", id) == 1);
        assertThat(Database.count("select count(*) from notification where subject_id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void oneDispensedTodayWaitsAndTheDoctorRenewsItInOneStepAfterTheFollowUp() {
        String patient = PrescriptionTest.freshPatient();
        String id = PrescriptionTest.issue(PrescriptionTest.prescription(PrescriptionTest.followUp(patient, "I10"),
                PrescriptionTest.item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30), PrescriptionTest.item("METFORMIN-500MG-TAB", 60, "1", "BID", 30)))
                .statusCode(201).extract().path("id");
        dispensed(id, Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> "TRACKING".equals(refillStatus(id)));
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> "TRACKING".equals(refillStatus(id)));

        UUID followUp = PrescriptionTest.followUp(patient, "I10");
        String key = UUID.randomUUID().toString();
        String renewal = given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("consultationId", followUp.toString())).when().post("/api/v1/prescriptions/" + id + "/renewals")
                .then().statusCode(201).body("renewalOf", equalTo(id), "status", equalTo("ISSUED"), "consultationId", equalTo(followUp.toString()),
                        "items.drugCode", equalTo(java.util.List.of("AMLODIPINE-5MG-TAB", "METFORMIN-500MG-TAB")),
                        "items[1].dosage.frequency", equalTo("BID"), "items[1].quantity", equalTo(60))
                .extract().path("id");
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("consultationId", followUp.toString())).when().post("/api/v1/prescriptions/" + id + "/renewals")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(renewal));
        assertThat(refillStatus(id)).isEqualTo("RENEWED");
        assertThat(Database.count("select count(*) from refill where renewed_by = ?::uuid", renewal)).isEqualTo(1);
        // issued like any other prescription: signed, published for review
        assertThat(Database.count("select count(*) from outbox_event where subject = ? and type = 'hospital.prescription.issued.v1'", renewal))
                .isEqualTo(1);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/prescriptions/" + renewal + "/verification")
                .then().statusCode(200).body("valid", equalTo(true));

        // what cannot be renewed changes nothing
        var before = Database.fingerprint("prescription", "refill");
        UUID anotherVisit = PrescriptionTest.followUp(patient, "I10");
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", anotherVisit.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(409)
                .body("type", equalTo("/problems/prescription-renewed-already"), "detail", org.hamcrest.Matchers.containsString(renewal));
        before = Database.fingerprint("prescription", "refill");
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", followUp.toString()))
                .when().post("/api/v1/prescriptions/" + renewal + "/renewals").then().statusCode(409)
                .body("type", equalTo("/problems/prescription-not-renewable"));
        UUID othersVisit = PrescriptionTest.followUp("patient-2", "I10");
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", othersVisit.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("consultationId", followUp.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer(patient)).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", followUp.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("doctor-2")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", followUp.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(404);
        assertThat(Database.fingerprint("prescription", "refill")).isEqualTo(before);
    }

    @Test
    void aRenewalNeedsALaterVisitAndOneThatLapsesGivesTheRefillBack() {
        String patient = PrescriptionTest.freshPatient();
        UUID visit = PrescriptionTest.followUp(patient, "I10");
        String id = PrescriptionTest.issue(PrescriptionTest.prescription(visit, PrescriptionTest.item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .statusCode(201).extract().path("id");
        dispensed(id, Instant.now().minus(2, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(20)).until(() -> "TRACKING".equals(refillStatus(id)));

        // the visit the prescription was written in renews nothing
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", visit.toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(422)
                .body("type", equalTo("/problems/renewal-needs-a-follow-up"));
        assertThat(refillStatus(id)).isEqualTo("TRACKING");

        String renewal = given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Map.of("consultationId", PrescriptionTest.followUp(patient, "I10").toString()))
                .when().post("/api/v1/prescriptions/" + id + "/renewals").then().statusCode(201).extract().path("id");
        assertThat(refillStatus(id)).isEqualTo("RENEWED");

        // the renewal is never collected: once it expires, the supply it was to replace is followed again
        Database.execute("update prescription set expires_at = now() - interval '1 second' where id = ?::uuid", renewal);
        await().atMost(Duration.ofSeconds(60)).until(() -> "TRACKING".equals(refillStatus(id)));
        assertThat(Database.count("select count(*) from refill where prescription_id = ?::uuid and renewed_by is null", id)).isEqualTo(1);
    }
}
