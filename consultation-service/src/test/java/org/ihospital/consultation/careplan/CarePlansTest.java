package org.ihospital.consultation.careplan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A chronic patient's plans and the alerts their readings raise, on the real database: a critical reading
 * reaches the care team's queue at once, a run of readings outside the target raises one alert however the
 * readings arrive, overdue readings raise one, and a doctor acknowledges with a note. patient-2's record.
 */
@QuarkusTest
class CarePlansTest {

    private UUID patient;
    private UUID doctor;

    @BeforeEach
    void patient2HasAHypertensionPlanWithDoctor1() {
        Clinic.realName("patient-2");
        patient = UUID.fromString(given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/me")
                .then().statusCode(200).extract().path("id"));
        doctor = Clinic.doctor("doctor-1");
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(plan(2))
                .when().put("/api/v1/patients/" + patient + "/care-plans/HYPERTENSION").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private Map<String, Object> plan(int readingsEveryDays) {
        return Map.of("targets", Map.of("systolicBelow", 140, "diastolicBelow", 90, "fastingFrom", 4.4, "fastingTo", 7.0, "afterMealBelow", 10.0,
                "hba1cBelow", 7.0), "critical", Map.of("systolic", 180, "diastolic", 110, "glucoseLow", 3.0, "glucoseHigh", 16.7),
                "consecutiveAbove", 3, "readingsEveryDays", readingsEveryDays, "followUpEveryDays", 90, "careTeam", List.of(doctor.toString()));
    }

    private String report(Map<String, Object> reading) {
        return given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("readings", List.of(reading))).when().post("/api/v1/patients/" + patient + "/readings")
                .then().statusCode(201).extract().path("stored[0]");
    }

    private static Map<String, Object> bp(int systolic, int diastolic, Instant at) {
        return Map.of("kind", "BLOOD_PRESSURE", "unit", "mmHg", "systolic", systolic, "diastolic", diastolic, "measuredAt", at.toString());
    }

    private static long alerts(String rule, String causeEnd) {
        return Database.count("select count(*) from care_alert where rule = ? and cause like ?", rule, "%" + causeEnd);
    }

    @Test
    void aCriticalReadingReachesTheCareTeamAndIsAcknowledgedOnce() {
        String reading = report(bp(186, 112, Instant.now().minusSeconds(60)));

        var queue = given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/care-alerts")
                .then().statusCode(200).extract().jsonPath();
        String alert = queue.getString("find { it.patientId == '" + patient + "' && it.rule == 'CRITICAL' && it.detail.contains('186/112') }.id");
        assertThat(alert).isNotNull();
        assertThat(alerts("CRITICAL", reading)).isEqualTo(1);
        // told to the notifiers once, as the contract says, with no reading values
        var events = Database.rows("select topic, subject, payload::text as payload from outbox_event where type = ? and payload ->> 'alertId' = ?",
                "hospital.reading.alerted.v1", alert);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("topic")).isEqualTo("consultation.care");
            assertThat(e.get("subject")).isEqualTo(patient.toString());
            assertThat(org.ihospital.contracts.EventContracts.violations("hospital.reading.alerted.v1", (String) e.get("payload"))).isEmpty();
            // the schema admits no other field: no reading value leaves with it
            assertThat((String) e.get("payload")).contains("CRITICAL", doctor.toString());
        });

        // the patient sees it, another patient does not
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/" + patient + "/care-alerts")
                .then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/patients/" + patient + "/care-alerts")
                .then().statusCode(404);

        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("note", "called the patient; came in"))
                .when().post("/api/v1/care-alerts/" + alert + "/acknowledge").then().statusCode(200).body("note", equalTo("called the patient; came in"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .when().post("/api/v1/care-alerts/" + alert + "/acknowledge").then().statusCode(409)
                .body("type", equalTo("/problems/alert-already-acknowledged"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/care-alerts").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(alert)));
    }

    @Test
    void aRunCompletedByTwoReadingsAtOnceRaisesOneAlert() throws Exception {
        Instant now = Instant.now();
        report(bp(125, 80, now.minusSeconds(50))); // in target: a run starts after it
        String first = report(bp(150, 95, now.minusSeconds(40)));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Instant at = now.minusSeconds(30 - i);
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                        .body(Map.of("readings", List.of(bp(152, 96, at)))).when().post("/api/v1/patients/" + patient + "/readings")
                        .then().extract().statusCode();
            }));
        }
        start.countDown();

        assertThat(racers.stream().map(CompletableFuture::join).toList()).containsOnly(201);
        assertThat(alerts("CONSECUTIVE_ABOVE_TARGET", first)).as("the run that began with the first reading above target").isEqualTo(1);

        report(bp(155, 97, now.minusSeconds(10))); // the run goes on: the same cause
        assertThat(alerts("CONSECUTIVE_ABOVE_TARGET", first)).isEqualTo(1);
    }

    @Test
    void overdueReadingsRaiseOneAlert() {
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(plan(1))
                .when().put("/api/v1/patients/" + patient + "/care-plans/TYPE2_DIABETES").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        // the last glucose reading was three days ago; readings are due every day
        String last = report(Map.of("kind", "GLUCOSE", "unit", "mmol/L", "value", 6.2, "timing", "FASTING",
                "measuredAt", Instant.now().minus(3, ChronoUnit.DAYS).toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("OVERDUE", last) == 1);
        given().header("Authorization", Keycloak.bearer("operator-1")).when().get("/api/v1/care-alerts").then().statusCode(200)
                .body("find { it.rule == 'OVERDUE' && it.patientId == '" + patient + "' }.detail", org.hamcrest.Matchers.containsString("due every 1 days"));
        // swept again and again: still one
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> alerts("OVERDUE", last) == 1);
    }

    @Test
    void onlyTheCareTeamOrAnOperatorSetsAPlan() {
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON).body(plan(2))
                .when().put("/api/v1/patients/" + patient + "/care-plans/HYPERTENSION").then().statusCode(403);
        var stricter = new java.util.HashMap<>(plan(2));
        stricter.put("targets", Map.of("systolicBelow", 130, "diastolicBelow", 80, "fastingFrom", 4.4, "fastingTo", 7.0, "afterMealBelow", 10.0,
                "hba1cBelow", 7.0));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(stricter)
                .when().put("/api/v1/patients/" + patient + "/care-plans/HYPERTENSION").then().statusCode(200)
                .body("targets.systolicBelow", equalTo(130));
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/" + patient + "/care-plans")
                .then().statusCode(200).body("find { it.condition == 'HYPERTENSION' }.targets.systolicBelow", equalTo(130));
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/patients/" + patient + "/care-plans")
                .then().statusCode(404);
        // a plan without a care team is refused
        var noTeam = new java.util.HashMap<>(plan(2));
        noTeam.put("careTeam", List.of());
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body(noTeam)
                .when().put("/api/v1/patients/" + patient + "/care-plans/HYPERTENSION").then().statusCode(400);
    }
}
