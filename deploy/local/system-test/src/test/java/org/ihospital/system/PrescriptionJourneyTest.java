package org.ihospital.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.ihospital.system.OtlpCollector.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One prescription's whole journey on the running hospital, as the apps walk it through the gateway: a new
 * patient with a real-name profile, booked, seen, diagnosed and prescribed; reviewed by a pharmacist; priced
 * by insurance; ordered, paid and delivered by the partner simulator. Then what operators rely on: the trace of the prescription spans the
 * doctor's request, the pharmacist's review, insurance's adjudication and the order, across three services
 * and Kafka; no log line written meanwhile holds the patient's name, phone, ID number or address; and the
 * journey counts in the business metrics the alerts read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrescriptionJourneyTest {

    private static final String GATEWAY = System.getProperty("hospital.gateway", "http://127.0.0.1:8080");
    private static final String KEYCLOAK = env("HOSPITAL_KEYCLOAK", "http://127.0.0.1:18080");
    private static final Path LOGS = Path.of(env("HOSPITAL_HOME", "/var/tmp/ihospital"), "state", "logs");
    private static final int COLLECTOR_PORT = Integer.getInteger("hospital.otlp.port", 14318);
    private static final List<String> SERVICES = List.of("gateway", "consultation-service", "pharmacy-service", "insurance-service");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Api api = new Api(GATEWAY, KEYCLOAK);
    private static OtlpCollector collector;
    private static final Map<String, Long> logOffsets = new LinkedHashMap<>();
    private static String adminToken;
    private static String userId;

    // the journey's patient: made up for this run, and exactly what must never reach a log
    private static final String NAME = "测试患者" + (100_000 + RANDOM.nextInt(900_000));
    private static final String PHONE = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
    private static final String ID_CARD = idCard();
    private static final String ADDRESS_LINE = "朝阳区追踪路 " + (1 + RANDOM.nextInt(9_999)) + " 号";

    // the management ports of 'hospital up' (the API port + 1000)
    private static final String CONSULTATION_METRICS = "http://127.0.0.1:9081/q/metrics";
    private static final String PHARMACY_METRICS = "http://127.0.0.1:9082/q/metrics";
    private static final String INSURANCE_METRICS = "http://127.0.0.1:9083/q/metrics";
    private static final String JOURNEYS_DELIVERED = "hospital_journeys_completed_total{application=\"consultation-service\",outcome=\"delivered\"}";
    private static double deliveredBefore;
    // HTTP/1.1: the JDK client's default (an HTTP/2 upgrade over plain HTTP) garbled a large /q/metrics answer once
    private static final java.net.http.HttpClient METRICS_CLIENT = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    private static String prescription;
    private static String order;

    @BeforeAll
    static void collectAndMarkTheLogs() throws IOException {
        collector = new OtlpCollector(COLLECTOR_PORT);
        for (String service : SERVICES) {
            Path log = LOGS.resolve(service + ".log");
            assertThat(log).as("the log of %s: is the hospital up (deploy/local/hospital up)?", service).exists();
            logOffsets.put(service, Files.size(log));
        }
        // the counter appears once its first count was read (a few seconds after the start)
        await().atMost(PATIENCE).until(() -> metric(CONSULTATION_METRICS, JOURNEYS_DELIVERED) >= 0);
        deliveredBefore = metric(CONSULTATION_METRICS, JOURNEYS_DELIVERED);
    }

    @AfterAll
    static void removeThePatientsAccount() {
        if (userId != null) {
            api.admin(adminToken(), "DELETE", "/users/" + userId, null);
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    @Order(1)
    void aNewPatientGoesFromBookingToAPaidOrder() {
        String patient = newPatient();
        String operator = api.login("operator-1");
        String doctor = api.login("doctor-1");
        String pharmacist = api.login("pharmacist-1");

        // the profile, an earlier hypertension (online prescribing is for follow-ups) and patient-1's demo policy
        String patientId = api.expect(patient, "PUT", "/patients/me",
                Map.of("name", NAME, "phone", PHONE, "idCard", ID_CARD, "region", "110105"), 200).path("id").asText();
        api.expect(operator, "POST", "/patients/" + patientId + "/conditions", Map.of("icd10", "I10",
                "diagnosedOn", LocalDate.now().minusYears(3).toString(), "source", "system test"), 201);
        String demoPatient = api.expect(api.login("patient-1"), "GET", "/patients/me", null, 200).path("id").asText();
        JsonNode coverage = api.expect(operator, "GET", "/coverages/" + demoPatient, null, 200).get(0);
        assertThat(coverage).as("patient-1's demo coverage (deploy/local/seed)").isNotNull();
        String year = Integer.toString(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
        api.expect(operator, "PUT", "/coverages/" + patientId, Map.of("policyId", coverage.path("policyId").asText(),
                "validFrom", year + "-01-01", "validUntil", year + "-12-31"), 200);

        // booked, seen, diagnosed, prescribed
        String doctorId = api.expect(doctor, "GET", "/doctors/me", null, 200).path("id").asText();
        JsonNode slot = firstOpen(api.expect(patient, "GET", "/doctors/" + doctorId + "/slots", null, 200));
        String appointment = api.expect(patient, "POST", "/appointments", Map.of("slotId", slot.path("id").asText(), "reason", "血压复诊"),
                201).path("id").asText();
        String consultation = api.expect(doctor, "POST", "/appointments/" + appointment + "/consultation", null, 201).path("id").asText();
        api.expect(doctor, "POST", "/consultations/" + consultation + "/diagnoses", Map.of("icd10", "I10", "note", "controlled"), 201);
        api.expect(doctor, "POST", "/consultations/" + consultation + "/complete", null, 200);
        prescription = api.expect(doctor, "POST", "/prescriptions", Map.of("consultationId", consultation, "items", List.of(Map.of(
                "drugCode", "LOSARTAN-50MG-TAB", "quantity", 30, "dosage", Map.of("amount", 1, "frequency", "QD", "days", 30)))), 201)
                .path("id").asText();

        // reviewed by a pharmacist once it reached the queue
        await().atMost(PATIENCE).until(() -> api.call(pharmacist, "GET", "/reviews/" + prescription, null).status() == 200);
        api.expect(pharmacist, "POST", "/reviews/" + prescription + "/decision", Map.of("approved", true), 200);

        // ordered once insurance priced it (409 until then), and paid (the sandbox confirms by its signed callback)
        Map<String, Object> placing = Map.of("prescriptionId", prescription, "region", "110105",
                "deliverTo", Map.of("recipient", NAME, "phone", PHONE, "line", ADDRESS_LINE));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            Api.Response r = api.call(patient, "POST", "/orders", placing);
            if (r.status() == 201) {
                order = r.body().path("id").asText();
            }
            return r.status() == 201;
        });
        api.expect(patient, "POST", "/orders/" + order + "/payment", null, 200);
        // the partner pharmacy (deploy/local/partner-pharmacy) accepts, dispenses, ships and delivers it
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(api.expect(patient, "GET", "/orders/" + order, null, 200)
                .path("status").asText()));
    }

    @Test
    @Order(2)
    void oneTraceFollowsThePrescriptionAcrossTheServices() {
        assertThat(prescription).as("the journey ran").isNotNull();
        // the outbox's producer span of prescription.issued names the prescription's trace
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(issued())
                .as("the producer span of prescription %s's issued event among %d spans (%s unreadable exports): %s", prescription,
                        collector.spans().size(), collector.failures(),
                        describe(collector.spans().stream().filter(s -> s.service().equals("consultation-service")).limit(40).toList()))
                .isNotNull());
        String trace = issued().traceId();

        List<Predicate<Span>> steps = List.of(
                sent("consultation-service", "hospital.prescription.issued.v1"),
                processed("pharmacy-service", "hospital.prescription.issued.v1"),
                sent("pharmacy-service", "hospital.prescription.reviewed.v1"),
                processed("insurance-service", "hospital.prescription.reviewed.v1"),
                sent("insurance-service", "hospital.claim.adjudicated.v1"),
                processed("pharmacy-service", "hospital.claim.adjudicated.v1"),
                sent("pharmacy-service", "hospital.order.created.v1"),
                sent("pharmacy-service", "hospital.order.routed.v1"),
                processed("consultation-service", "hospital.order.routed.v1"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Span> inTrace = collector.spans().stream().filter(s -> s.traceId().equals(trace)).toList();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                if (inTrace.stream().noneMatch(steps.get(i))) {
                    missing.add("step " + (i + 1));
                }
            }
            assertThat(missing).as("steps missing from trace %s, which holds: %s", trace, describe(inTrace)).isEmpty();
            // every span of the trace has its parent in the trace (no step hangs loose), but the root; the services
            // export on their own timers, so a child may arrive before its parent: this too is awaited
            Set<String> ids = inTrace.stream().map(Span::spanId).collect(Collectors.toSet());
            assertThat(inTrace.stream().filter(s -> !s.parentSpanId().isEmpty() && !ids.contains(s.parentSpanId())).map(Span::name).toList())
                    .as("spans whose parent is not in the trace").isEmpty();
        });

        List<Span> inTrace = collector.spans().stream().filter(s -> s.traceId().equals(trace)).toList();
        // HTTP carries it too: the doctor's request came through the gateway, in the same trace
        assertThat(inTrace).anyMatch(s -> s.service().equals("gateway") && s.kind().equals("SPAN_KIND_SERVER"));
        assertThat(inTrace).anyMatch(s -> s.service().equals("consultation-service") && s.kind().equals("SPAN_KIND_SERVER")
                && s.name().contains("prescriptions"));
        // the pharmacist's and the patient's own requests are linked to the steps they continued
        assertThat(inTrace).anyMatch(s -> s.service().equals("pharmacy-service") && s.kind().equals("SPAN_KIND_INTERNAL")
                && !s.linkedTraceIds().isEmpty() && !s.linkedTraceIds().contains(trace));
        // and no span of any trace holds the patient's personal data
        assertThat(collector.spans()).allSatisfy(s -> assertThat(s.name() + " " + s.attributes())
                .doesNotContain(NAME).doesNotContain(PHONE).doesNotContain(ID_CARD).doesNotContain(ADDRESS_LINE));
    }

    @Test
    @Order(3)
    void noLogLineOfTheJourneyHoldsThePatientsPersonalData() throws IOException {
        assertThat(prescription).as("the journey ran").isNotNull();
        int lines = 0;
        int withRequest = 0;
        for (var entry : logOffsets.entrySet()) {
            for (String line : linesSince(LOGS.resolve(entry.getKey() + ".log"), entry.getValue())) {
                lines++;
                assertThat(line).as("a line of %s's log", entry.getKey())
                        .doesNotContain(NAME).doesNotContain(PHONE).doesNotContain(ID_CARD).doesNotContain(ADDRESS_LINE)
                        .doesNotContain(ID_CARD.substring(0, 14));
                JsonNode json = line.startsWith("{") ? Api.JSON.readTree(line) : null;
                assertThat(json).as("%s logs JSON: %s", entry.getKey(), line).isNotNull();
                if (json.path("mdc").hasNonNull("requestId")) {
                    withRequest++;
                    assertThat(json.path("mdc").path("traceId").asText()).as("the trace id beside the request id: %s", line)
                            .matches("[0-9a-f]{32}");
                }
            }
        }
        System.out.printf("[system-test] %d log lines written during the journey, %d of them in a request%n", lines, withRequest);
    }

    @Test
    @Order(4)
    void theJourneyCountsInTheBusinessMetrics() {
        assertThat(prescription).as("the journey ran").isNotNull();
        await().atMost(PATIENCE).until(() -> metric(CONSULTATION_METRICS, JOURNEYS_DELIVERED) > deliveredBefore);
        // what the alerts of deploy/k8s/monitoring read, each with the service's name
        assertThat(metric(PHARMACY_METRICS, "hospital_review_queue_length{application=\"pharmacy-service\"}")).isNotNegative();
        assertThat(metric(PHARMACY_METRICS, "hospital_review_queue_oldest_age_seconds{application=\"pharmacy-service\"}")).isNotNegative();
        assertThat(metric(INSURANCE_METRICS, "hospital_claims_on_hold{application=\"insurance-service\"}")).isNotNegative();
        assertThat(metric(CONSULTATION_METRICS, "hospital_notifications_pending{application=\"consultation-service\"}")).isNotNegative();
        assertThat(metric(PHARMACY_METRICS, "hospital_outbox_oldest_pending_age_seconds{application=\"pharmacy-service\"}")).isNotNegative();
        assertThat(metric(INSURANCE_METRICS, "hospital_inbox_dead_letters{application=\"insurance-service\"}")).isNotNegative();
        assertThat(metrics(PHARMACY_METRICS)).contains("kafka_consumer_fetch_manager_records_lag_max{application=\"pharmacy-service\"");
    }

    /** The value of one series in a service's Prometheus text, -1 when the series is not there. */
    private static double metric(String url, String series) {
        return metrics(url).lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(-1);
    }

    private static String metrics(String url) {
        try {
            return METRICS_CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Span issued() {
        return collector.spans().stream().filter(sent("consultation-service", "hospital.prescription.issued.v1"))
                .filter(s -> s.attribute("cloudevents.event_subject").equals(prescription)).findFirst().orElse(null);
    }

    private static Predicate<Span> sent(String service, String type) {
        return s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_PRODUCER") && s.attribute("cloudevents.event_type").equals(type);
    }

    private static Predicate<Span> processed(String service, String type) {
        return s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_CONSUMER") && s.attribute("cloudevents.event_type").equals(type);
    }

    private static String describe(List<Span> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.kind().replace("SPAN_KIND_", "") + ":" + s.name()
                + (s.attribute("cloudevents.event_type").isEmpty() ? "" : "(" + s.attribute("cloudevents.event_type") + ")"))
                .sorted().collect(Collectors.joining(", "));
    }

    private static JsonNode firstOpen(JsonNode slots) {
        for (JsonNode slot : slots) {
            if ("OPEN".equals(slot.path("status").asText())) {
                return slot;
            }
        }
        throw new AssertionError("doctor-1 has no open slot (deploy/local/seed plans two weeks of hours)");
    }

    /** A throw-away patient account in the development realm, removed after the run. */
    private static String newPatient() {
        String username = "system-test-" + Long.toHexString(RANDOM.nextLong());
        String password = "Trace-" + Long.toHexString(RANDOM.nextLong()) + "-X9";
        Api.expect(api.admin(adminToken(), "POST", "/users", Map.of("username", username, "enabled", true, "email", username + "@test.invalid",
                "emailVerified", true, "firstName", "System", "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))), 201, "creating " + username);
        userId = Api.expect(api.admin(adminToken(), "GET", "/users?exact=true&username=" + username, null), 200, "finding " + username)
                .body().get(0).path("id").asText();
        JsonNode role = Api.expect(api.admin(adminToken(), "GET", "/roles/patient", null), 200, "the patient role").body();
        Api.expect(api.admin(adminToken(), "POST", "/users/" + userId + "/role-mappings/realm", List.of(role)), 204, "granting patient");
        return api.token("hospital", "hospital-app", username, password);
    }

    private static String adminToken() {
        if (adminToken == null) {
            adminToken = api.token("master", "admin-cli", env("HOSPITAL_KEYCLOAK_ADMIN", "admin"), env("HOSPITAL_KEYCLOAK_ADMIN_PASSWORD", "admin"));
        }
        return adminToken;
    }

    private static List<String> linesSince(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long size = file.length();
            if (size < offset) {
                offset = 0; // rotated meanwhile: read it all
            }
            byte[] bytes = new byte[(int) (size - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** A well-formed, made-up resident ID number (GB 11643: region, birth date, sequence, check character). */
    private static String idCard() {
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(RANDOM.nextInt(15_000));
        String body = "110105" + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", RANDOM.nextInt(1000));
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
