package org.ihospital.consultation.consult;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConsultationTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/api/v1/consultations")
    URL consultations;

    static byte[] image(String format) throws IOException {
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 4, 0xCC2200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, format, out);
        return out.toByteArray();
    }

    @Test
    void onlyTheAppointmentsDoctorOpensItsConsultationAndOpeningAgainFindsIt() {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        UUID appointment = Clinic.book("patient-1", slot);
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation").then().statusCode(403);
        // as through the gateway: the link is the public address the caller used
        var created = given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.hospital.example")
                .when().post("/api/v1/appointments/" + appointment + "/consultation")
                .then().statusCode(201).body("status", equalTo("OPEN"), "appointmentId", equalTo(appointment.toString()))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("https://api.hospital.example/api/v1/consultations/" + id);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation")
                .then().statusCode(200).body("id", equalTo(id), "status", equalTo("OPEN"))
                .header("Location", endsWith("/api/v1/consultations/" + id));
        // the visit names its consultation, for the patient and the doctor alike
        for (String who : new String[] { "patient-1", "doctor-1" }) {
            given().header("Authorization", Keycloak.bearer(who)).when().get("/api/v1/appointments/" + appointment)
                    .then().statusCode(200).body("consultationId", equalTo(id));
        }
        // completed, it is still what opening finds; another doctor still finds no appointment
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("icd10", "I10"))
                .when().post("/api/v1/consultations/" + id + "/diagnoses").then().statusCode(201);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().post("/api/v1/consultations/" + id + "/complete")
                .then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation")
                .then().statusCode(200).body("id", equalTo(id), "status", equalTo("COMPLETED"));
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/consultation").then().statusCode(404);
    }

    @Test
    void patientsAndDoctorsPageThroughTheirOwnConsultationsNewestFirst() {
        String patient = Keycloak.newUser("lister", "patient");
        Clinic.realName(patient);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(0, Clinic.openConsultation(patient).toString());
        }
        var first = given().header("Authorization", Keycloak.bearer(patient)).queryParam("limit", 2)
                .when().get("/api/v1/consultations")
                .then().statusCode(200).body("items.id", equalTo(opened.subList(0, 2)), "nextCursor", notNullValue())
                .extract().jsonPath();
        given().header("Authorization", Keycloak.bearer(patient)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/api/v1/consultations")
                .then().statusCode(200).body("items.id", equalTo(opened.subList(2, 3)), "nextCursor", equalTo(null));
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 3)
                .when().get("/api/v1/consultations").then().statusCode(200).body("items.id", equalTo(opened));
        for (String other : List.of("doctor-2", "patient-2")) {
            List<String> seen = given().header("Authorization", Keycloak.bearer(other)).queryParam("limit", 100)
                    .when().get("/api/v1/consultations").then().statusCode(200).extract().path("items.id");
            assertThat(seen).as(other).doesNotContainAnyElementsOf(opened);
        }
        // the doctor's page is a staff read of the patient on it
        UUID patientId = (UUID) Database.rows("select patient_id from consultation where id = ?", UUID.fromString(opened.get(0))).get(0).get("patient_id");
        assertThat(Database.count("select count(*) from audit_event where action = 'list-consultations' and patient_id = ?", patientId))
                .isPositive();
    }

    @Test
    void twoDevicesOpeningAtOnceGetOneConsultation() throws Exception {
        UUID slot = Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0);
        UUID appointment = Clinic.book("patient-2", slot);
        String bearer = Keycloak.bearer("doctor-1");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<io.restassured.response.Response>>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().header("Authorization", bearer).contentType(ContentType.JSON)
                        .when().post("/api/v1/appointments/" + appointment + "/consultation").andReturn()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            var ids = new java.util.HashSet<String>();
            for (var call : calls) {
                statuses.add(call.get().statusCode());
                ids.add(call.get().path("id"));
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Database.count("select count(*) from consultation where appointment_id = ?", appointment)).isEqualTo(1);
    }

    @Test
    void patientAndDoctorExchangeMessagesInOrder() {
        UUID consultation = Clinic.openConsultation("patient-1");
        for (int i = 1; i <= 3; i++) {
            String who = i % 2 == 1 ? "patient-1" : "doctor-1";
            given().header("Authorization", Keycloak.bearer(who)).contentType(ContentType.JSON)
                    .body(Map.of("text", "血压 13" + i + "/85, message " + i))
                    .when().post("/api/v1/consultations/" + consultation + "/messages")
                    .then().statusCode(201).body("seq", notNullValue(), "sender", equalTo(i % 2 == 1 ? "PATIENT" : "DOCTOR"));
        }
        var first = given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 2)
                .when().get("/api/v1/consultations/" + consultation + "/messages")
                .then().statusCode(200).body("messages", hasSize(2), "messages[0].text", equalTo("血压 131/85, message 1"))
                .extract().jsonPath();
        long after = first.getLong("nextAfter");
        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("after", after)
                .when().get("/api/v1/consultations/" + consultation + "/messages")
                .then().statusCode(200).body("messages", hasSize(1), "messages[0].text", equalTo("血压 133/85, message 3"),
                        "nextAfter", equalTo(null));
        // someone else's conversation does not exist for them
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/consultations/" + consultation + "/messages")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/v1/consultations/" + consultation + "/messages").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/consultations/" + consultation)
                .then().statusCode(404);
    }

    @Test
    void imagesAreRecognisedByTheirContentAndServedBack() throws IOException {
        UUID consultation = Clinic.openConsultation("patient-2");
        byte[] png = image("png");
        byte[] jpeg = image("jpg");
        var sent = given().header("Authorization", Keycloak.bearer("patient-2"))
                .multiPart("text", "皮疹照片", "text/plain; charset=UTF-8")
                .multiPart("image", "rash.dat", png, "application/octet-stream")
                .multiPart("image", "photo", jpeg, "text/plain")
                .when().post("/api/v1/consultations/" + consultation + "/messages")
                .then().statusCode(201).body("images", hasSize(2), "images[0].mediaType", equalTo("image/png"),
                        "images[1].mediaType", equalTo("image/jpeg"), "text", equalTo("皮疹照片"))
                .extract().jsonPath();
        byte[] back = given().header("Authorization", Keycloak.bearer("doctor-1"))
                .when().get(sent.getString("images[0].url"))
                .then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + sent.getString("images[0].id") + ".png\"")
                .extract().asByteArray();
        assertThat(back).isEqualTo(png);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get(sent.getString("images[0].url"))
                .then().statusCode(404);
    }

    @Test
    void fakeOversizedOrTooManyImagesAreRefusedAndChangeNothing() throws IOException {
        UUID consultation = Clinic.openConsultation("patient-1");
        Map<String, String> before = Database.fingerprint("message", "message_image");
        String bearer = Keycloak.bearer("patient-1");
        String path = "/api/v1/consultations/" + consultation + "/messages";
        given().header("Authorization", bearer).multiPart("image", "x.png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), "image/png")
                .when().post(path).then().statusCode(400).contentType(PROBLEM).body("type", equalTo("/problems/unacceptable-image"));
        byte[] headerThenGarbage = java.util.Arrays.copyOf(image("png"), 2_000);
        java.util.Arrays.fill(headerThenGarbage, 16, 2_000, (byte) 'A');
        given().header("Authorization", bearer).multiPart("image", "x.png", headerThenGarbage, "image/png")
                .when().post(path).then().statusCode(400).contentType(PROBLEM).body("type", equalTo("/problems/unacceptable-image"));
        byte[] large = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(image("png"), 0, large, 0, 8);
        given().header("Authorization", bearer).multiPart("image", "big.png", large, "image/png")
                .when().post(path).then().statusCode(400).body("type", equalTo("/problems/unacceptable-image"));
        var tooMany = given().header("Authorization", bearer);
        byte[] png = image("png");
        for (int i = 0; i < 10; i++) {
            tooMany.multiPart("image", "p" + i + ".png", png, "image/png");
        }
        tooMany.when().post(path).then().statusCode(400).body("type", equalTo("/problems/unacceptable-image"));
        given().header("Authorization", bearer).multiPart("text", "").when().post(path)
                .then().statusCode(400).body("type", equalTo("/problems/empty-message"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("{\"text\": 5, \"html\": true}")
                .when().post(path).then().statusCode(400).body("type", equalTo("/problems/validation"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("text", "x".repeat(4001)))
                .when().post(path).then().statusCode(400).body("errors[0].field", equalTo("text"));
        assertThat(Database.fingerprint("message", "message_image")).isEqualTo(before);
    }

    @Test
    void participantsFollowTheConversationLive() throws Exception {
        UUID consultation = Clinic.openConsultation("patient-1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(consultations + "/" + consultation + "/events"))
                .header("Authorization", Keycloak.bearer("patient-1")).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> events = http.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.statusCode()).isEqualTo(200);
        CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("\"message\"")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // the doctor writes until the patient's stream hears it (the first may precede the subscription)
        List<String> sent = new ArrayList<>();
        String line = null;
        for (int attempt = 0; attempt < 5 && line == null; attempt++) {
            sent.add(given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                    .body(Map.of("text", "请继续服用氨氯地平"))
                    .when().post("/api/v1/consultations/" + consultation + "/messages").then().statusCode(201).extract().path("id"));
            try {
                line = heard.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // write again
            }
        }
        assertThat(line).isNotNull().contains(consultation.toString());
        String heardLine = line;
        assertThat(sent).anySatisfy(id -> assertThat(heardLine).contains(id));

        // completed, the stream says so and ends; resumed from before, it first tells of the missed messages
        Clinic.complete(consultation, "I10");
        List<String> lines = readAll(http, consultation, "0");
        assertThat(lines).containsSubsequence("id:" + sent.size(), "event:message", "id:completed", "event:completed");
        assertThat(readAll(http, consultation, String.valueOf(sent.size()))).containsSubsequence("id:completed", "event:completed")
                .doesNotContain("event:message");
        HttpResponse<String> over = http.send(HttpRequest.newBuilder(URI.create(consultations + "/" + consultation + "/events"))
                .header("Authorization", Keycloak.bearer("patient-1")).header("Accept", "text/event-stream")
                .header("Last-Event-ID", "completed").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(over.statusCode()).isEqualTo(204);

        HttpResponse<String> outsider = http.send(HttpRequest.newBuilder(URI.create(consultations + "/" + consultation + "/events"))
                .header("Authorization", Keycloak.bearer("patient-2")).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(outsider.statusCode()).isEqualTo(404);
    }

    /** The whole stream of a completed consultation, which ends by itself; lines without spaces after the colon. */
    private List<String> readAll(HttpClient http, UUID consultation, String lastEventId) throws Exception {
        HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create(consultations + "/" + consultation + "/events"))
                .header("Authorization", Keycloak.bearer("patient-1")).header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(200);
        return stream.body().lines().map(l -> l.replaceFirst(":\\s*", ":")).toList();
    }

    @Test
    void theDoctorDiagnosesWithIcd10CodesAndCompletes() {
        UUID consultation = Clinic.openConsultation("patient-2");
        String path = "/api/v1/consultations/" + consultation;
        Map<String, String> before = Database.fingerprint("diagnosis", "consultation", "outbox_event");
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post(path + "/complete").then().statusCode(422).body("type", equalTo("/problems/diagnosis-required"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("icd10", "X99.99"))
                .when().post(path + "/diagnoses").then().statusCode(422).body("type", equalTo("/problems/unknown-icd10-code"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("icd10", "i10"))
                .when().post(path + "/diagnoses").then().statusCode(422);
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON).body(Map.of("icd10", "I10"))
                .when().post(path + "/diagnoses").then().statusCode(403);
        assertThat(Database.fingerprint("diagnosis", "consultation", "outbox_event")).isEqualTo(before);

        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("icd10", "I10", "note", "blood pressure controlled"))
                .when().post(path + "/diagnoses").then().statusCode(201).body("icd10", equalTo("I10"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("icd10", "E11.9"))
                .when().post(path + "/diagnoses").then().statusCode(201);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .when().post(path + "/complete").then().statusCode(200).body("status", equalTo("COMPLETED"), "completedAt", notNullValue());

        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON).body(Map.of("text", "thanks"))
                .when().post(path + "/messages").then().statusCode(409).body("type", equalTo("/problems/consultation-completed"));
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get(path + "/diagnoses")
                .then().statusCode(200).body("icd10", org.hamcrest.Matchers.contains("I10", "E11.9"));

        var event = Database.rows("select type, payload::text as payload from outbox_event where subject = ?", consultation.toString());
        assertThat(event).singleElement().satisfies(e -> {
            assertThat(e.get("type")).isEqualTo("hospital.consultation.completed.v1");
            assertThat(EventContracts.violations("hospital.consultation.completed.v1", (String) e.get("payload"))).isEmpty();
        });
        assertThat(Database.rows("select a.status from appointment a join consultation c on c.appointment_id = a.id where c.id = ?",
                consultation).get(0).get("status")).isEqualTo("COMPLETED");
    }
}
