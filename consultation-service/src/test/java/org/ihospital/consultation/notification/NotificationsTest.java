package org.ihospital.consultation.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Notifications through the outbox of deliveries to live streams, on the real database: a critical reading
 * reaches the care team's alert stream and the patient's own stream, each through its channels once; a
 * stream resumed with Last-Event-ID first sends what it missed; nobody hears another's.
 */
@QuarkusTest
class NotificationsTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** An SSE event as read off the wire. */
    record Event(String id, String name, String data) {
    }

    private HttpResponse<InputStream> open(String path, String user, String lastEventId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", Keycloak.bearer(user)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** The first event (not a heartbeat) whose data mentions {@code text}; the stream is read in the background. */
    private static CompletableFuture<Event> first(HttpResponse<InputStream> stream, String text) {
        return CompletableFuture.supplyAsync(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data.indexOf(text) >= 0 && !"heartbeat".equals(name)) {
                            return new Event(id, name, data.toString());
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aCriticalReadingReachesTheCareTeamsStreamAndThePatientsOnceEach() throws Exception {
        String patient = Keycloak.newUser("chronic", "patient");
        Clinic.realName(patient);
        UUID record = UUID.fromString(given().header("Authorization", Keycloak.bearer(patient)).when().get("/api/v1/patients/me")
                .then().statusCode(200).extract().path("id"));
        UUID doctor = Clinic.doctor("doctor-1");
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("targets", Map.of("systolicBelow", 140, "diastolicBelow", 90, "fastingFrom", 4.4, "fastingTo", 7.0,
                        "afterMealBelow", 10.0, "hba1cBelow", 7.0), "critical", Map.of("systolic", 180, "diastolic", 110, "glucoseLow", 3.0,
                                "glucoseHigh", 16.7), "consecutiveAbove", 3, "readingsEveryDays", 7, "followUpEveryDays", 90,
                        "careTeam", List.of(doctor.toString())))
                .when().put("/api/v1/patients/" + record + "/care-plans/HYPERTENSION").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        var teamStream = open("/api/v1/care-alerts/stream", "doctor-1", null);
        var patientStream = open("/api/v1/notifications/stream", patient, null);
        var othersStream = open("/api/v1/notifications/stream", "patient-2", null);
        CompletableFuture<Event> team = first(teamStream, record.toString());
        CompletableFuture<Event> own = first(patientStream, "CRITICAL_READING");
        CompletableFuture<Event> others = first(othersStream, "CRITICAL_READING");

        String reading = given().header("Authorization", Keycloak.bearer(patient)).contentType(ContentType.JSON)
                .body(Map.of("readings", List.of(Map.of("kind", "BLOOD_PRESSURE", "unit", "mmHg", "systolic", 192, "diastolic", 115,
                        "measuredAt", Instant.now().minusSeconds(30).toString()))))
                .when().post("/api/v1/patients/" + record + "/readings").then().statusCode(201).extract().path("stored[0]");
        String alert = (String) Database.rows("select id::text as id from care_alert where cause like ?", "%" + reading).get(0).get("id");

        Event heard = team.get(20, TimeUnit.SECONDS);
        assertThat(heard.name()).isEqualTo("care-alert");
        assertThat(heard.data()).contains(alert, "192/115");
        Event told = own.get(20, TimeUnit.SECONDS);
        assertThat(told.name()).isEqualTo("critical-reading");
        assertThat(told.data()).contains(alert).doesNotContain("192");
        assertThat(others).as("another patient's stream").isNotDone();

        // each through its channels once: the clinician in the app and by push, the patient also by text message
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count("""
                select count(*) from notification_delivery d join notification n on n.id = d.notification_id
                where n.subject_id = ?::uuid and d.status = 'SENT'""", alert) == 5);
        assertThat(Database.rows("""
                select n.kind, d.channel from notification_delivery d join notification n on n.id = d.notification_id
                where n.subject_id = ?::uuid order by n.kind, d.channel""", alert)).extracting(r -> r.get("kind") + "/" + r.get("channel"))
                .containsExactly("CARE_ALERT/in-app", "CARE_ALERT/push", "CRITICAL_READING/in-app", "CRITICAL_READING/push",
                        "CRITICAL_READING/sms");

        // resumed from before it, the patient's stream first sends what was missed
        long seq = Long.parseLong(told.id());
        var resumed = open("/api/v1/notifications/stream", patient, String.valueOf(seq - 1));
        assertThat(first(resumed, alert).get(10, TimeUnit.SECONDS).id()).isEqualTo(told.id());
        List<String> listed = new ArrayList<>(given().header("Authorization", Keycloak.bearer(patient)).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("subjectId", String.class));
        assertThat(listed).containsOnlyOnce(alert);
        assertThat(others.isDone()).as("patient-2 heard nothing of it").isFalse();
        for (var stream : List.of(teamStream, patientStream, othersStream, resumed)) {
            stream.body().close();
        }
        others.cancel(true);
    }

    @Test
    void onlyPatientsAndDoctorsHaveNotificationsAndOnlyDoctorsTheAlertStream() throws Exception {
        var pharmacist = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notifications/stream"))
                .header("Authorization", Keycloak.bearer("pharmacist-1")).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pharmacist.statusCode()).isEqualTo(403);
        var patient = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/care-alerts/stream"))
                .header("Authorization", Keycloak.bearer("patient-1")).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patient.statusCode()).isEqualTo(403);
        given().when().get("/api/v1/notifications").then().statusCode(401);
        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("limit", 0).when().get("/api/v1/notifications")
                .then().statusCode(400);
    }
}
