package org.ihospital.consultation.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every staff read of a patient's record leaves a trace that whoever runs the database cannot rewrite,
 * cut short or forge unnoticed: appended without a lock, chained with an HMAC whose key the database
 * never sees, sealed by checkpoints the hospital signs, and kept by a role that may only insert.
 */
@QuarkusTest
class AuditTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/appointments")
    URL appointments;

    @BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    private static long events(UUID patient, String actor, String... actions) {
        return Database.count("select count(*) from audit_event where patient_id = ? and actor = ? and action = any(?)", patient, actor,
                actions);
    }

    private static io.restassured.response.ValidatableResponse verification() {
        return given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification").then().statusCode(200);
    }

    /** Every read appended so far is linked into the chain. */
    private static void chained() {
        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from audit_event e where not exists (select 1 from audit_log l where l.event_id = e.id)") == 0);
    }

    /** A doctor of its own, so that their appointment list holds exactly the visits a test books. */
    private static String newDoctorAccount() {
        String user = Keycloak.newUser("audit-doctor", "doctor");
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("userId", Keycloak.subject(user), "name", "Dr " + user, "licenceNumber",
                        "LIC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "title", "主治医师",
                        "departments", Set.of("CARDIOLOGY")))
                .when().post("/api/v1/doctors").then().statusCode(201);
        return user;
    }

    @Test
    void everyStaffReadOfARecordIsAuditedAndThePatientsOwnReadsAreNot() {
        String doctorUser = newDoctorAccount();
        UUID doctorId = UUID.fromString(Database.rows("select id::text as id from doctor where user_id = ?", Keycloak.subject(doctorUser))
                .get(0).get("id").toString());
        UUID appointment = Clinic.book("patient-1", Clinic.freshSlots(doctorId, 1).get(0));
        UUID patient = Clinic.patientOf(appointment);
        String doctor = Keycloak.subject(doctorUser);
        long ownBefore = Database.count("select count(*) from audit_event where actor = ?", Keycloak.subject("patient-1"));

        given().header("Authorization", Keycloak.bearer(doctorUser)).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        given().header("Authorization", Keycloak.bearer(doctorUser)).when().get("/api/v1/patients/" + patient + "/record").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer(doctorUser)).when().get("/api/v1/appointments").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);

        assertThat(events(patient, doctor, "read-appointment")).isEqualTo(1);
        assertThat(events(patient, doctor, "read-record")).isEqualTo(1);
        assertThat(events(patient, doctor, "list-appointments")).as("the doctor's list showed this patient").isEqualTo(1);
        assertThat(Database.count("select count(*) from audit_event where actor = ?", Keycloak.subject("patient-1"))).isEqualTo(ownBefore);
        var latest = Database.rows("select resource, actor_role, request_id from audit_event where patient_id = ? and actor = ?"
                + " and action = 'read-record'", patient, doctor).get(0);
        assertThat(latest).containsEntry("resource", "patient/" + patient + "/record").containsEntry("actor_role", "doctor");
        assertThat(UUID.fromString((String) latest.get("request_id"))).isNotNull();

        chained();
        given().header("Authorization", Keycloak.bearer("auditor-1")).queryParam("patientId", patient.toString())
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("entries.findAll { it.actor == '" + doctor + "' }.action", hasItems("read-appointment", "read-record",
                        "list-appointments"));
        given().header("Authorization", Keycloak.bearer(doctorUser)).queryParam("patientId", patient.toString())
                .when().get("/api/v1/audit").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit").then().statusCode(400);
    }

    @Test
    void concurrentReadsDuringVerificationNeitherWaitNorBreakTheChain() throws Exception {
        UUID appointment = Clinic.book("patient-2", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        UUID patient = Clinic.patientOf(appointment);
        String doctor = Keycloak.subject("doctor-1");
        long before = events(patient, doctor, "read-appointment");
        String token = Keycloak.accessToken("doctor-1");
        String auditor = Keycloak.accessToken("auditor-1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Future<HttpResponse<String>>> reads = new ArrayList<>();
        List<Future<HttpResponse<String>>> checks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reads.add(pool.submit(() -> {
                start.await();
                return http.send(HttpRequest.newBuilder(URI.create(appointments + "/" + appointment))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            }));
        }
        for (int i = 0; i < 5; i++) {
            checks.add(pool.submit(() -> {
                start.await();
                return http.send(HttpRequest.newBuilder(URI.create(appointments.toString().replace("/appointments", "/audit/verification")))
                        .header("Authorization", "Bearer " + auditor).build(), HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        for (var read : reads) {
            assertThat(read.get().statusCode()).isEqualTo(200);
        }
        for (var check : checks) {
            assertThat(check.get().statusCode()).isEqualTo(200);
            assertThat(check.get().body()).contains("\"valid\":true");
        }
        pool.shutdown();
        assertThat(events(patient, doctor, "read-appointment")).isEqualTo(before + 20);
        chained();
        verification().body("valid", equalTo(true), "unchained", equalTo(0));
    }

    @Test
    void theServicesOwnRoleCanNeitherRewriteNorRemoveTheTrail() throws Exception {
        UUID appointment = Clinic.book("patient-1", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        chained();
        try (Connection service = Database.connectAsService()) {
            for (String sql : List.of("update audit_log set action = 'nothing' where seq = 1", "delete from audit_log where seq = 1",
                    "truncate audit_log", "delete from audit_event", "truncate audit_event", "update audit_checkpoint set hash = 'x'",
                    "delete from audit_checkpoint")) {
                assertThatThrownBy(() -> service.createStatement().execute(sql)).as(sql).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void anEntryRewrittenWithItsChainRecomputedIsFound() {
        UUID appointment = Clinic.book("patient-1", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        }
        chained();
        verification().body("valid", equalTo(true));
        long victim = Database.count("select max(seq) - 1 from audit_log");
        Map<String, Object> original = Database.rows("select * from audit_log where seq = ?", victim).get(0);
        // the owner of the database rewrites the entry and recomputes every link after it, as SHA-256 (no key)
        Database.execute("alter table audit_log disable trigger audit_log_append_only");
        try {
            List<Map<String, Object>> tail = Database.rows("select * from audit_log where seq >= ? order by seq", victim);
            String previous = (String) original.get("prev_hash");
            for (Map<String, Object> row : tail) {
                String action = ((Number) row.get("seq")).longValue() == victim ? "read-nothing" : (String) row.get("action");
                String hash = AuditEntry.link(AuditEntry.LEGACY, new byte[0], ((Number) row.get("seq")).longValue(),
                        ((java.sql.Timestamp) row.get("at")).toInstant(), (String) row.get("actor"), (String) row.get("actor_role"),
                        (UUID) row.get("patient_id"), action, (String) row.get("resource"), (String) row.get("request_id"), previous);
                Database.execute("update audit_log set action = ?, prev_hash = ?, hash = ? where seq = ?", action, previous, hash, row.get("seq"));
                previous = hash;
            }
            verification().body("valid", equalTo(false), "brokenAtSeq", equalTo((int) victim));
            Database.execute("update audit_log set algorithm = 'sha256' where seq >= ?", victim);
            verification().body("valid", equalTo(false), "brokenAtSeq", equalTo((int) victim));
        } finally {
            Database.execute("delete from audit_log where seq >= ?", victim);
            Database.execute("alter table audit_log enable trigger audit_log_append_only");
        }
        // the removed links are made again from the appended reads, with the key
        chained();
        verification().body("valid", equalTo(true));
    }

    private static java.sql.PreparedStatement bind(java.sql.PreparedStatement st, Object... values) throws java.sql.SQLException {
        for (int i = 0; i < values.length; i++) {
            st.setObject(i + 1, values[i]);
        }
        return st;
    }

    @Test
    void aTailCutOffPastACheckpointIsFound() throws Exception {
        UUID appointment = Clinic.book("patient-2", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        }
        chained();
        long end = Database.count("select max(seq) from audit_log");
        await().atMost(PATIENCE).until(() -> Database.count("select coalesce(max(seq), 0) from audit_checkpoint") >= end);
        List<Map<String, Object>> tail = Database.rows("select l.*, e.id as eid, e.at as eat from audit_log l join audit_event e on e.id = l.event_id"
                + " where l.seq > ? order by l.seq", end - 2);
        // the owner of the database removes the last two reads, links and events alike
        Database.execute("alter table audit_log disable trigger audit_log_append_only");
        Database.execute("alter table audit_event disable trigger audit_event_append_only");
        try {
            Database.execute("delete from audit_log where seq > ?", end - 2);
            for (Map<String, Object> row : tail) {
                assertThat(Database.execute("delete from audit_event where id = ?", row.get("eid"))).isEqualTo(1);
            }
            verification().body("valid", equalTo(false), "reason", org.hamcrest.Matchers.containsString("cut off its end"));
        } finally {
            // put them back in one transaction, so that the chainer never sees the events without their links
            try (Connection c = Database.connect()) {
                c.setAutoCommit(false);
                for (Map<String, Object> row : tail) {
                    try (var st = c.prepareStatement("""
                            insert into audit_event (id, at, actor, actor_role, patient_id, action, resource, request_id)
                            overriding system value values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                        bind(st, row.get("eid"), row.get("eat"), row.get("actor"), row.get("actor_role"), row.get("patient_id"),
                                row.get("action"), row.get("resource"), row.get("request_id")).executeUpdate();
                    }
                    try (var st = c.prepareStatement("""
                            insert into audit_log (seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash,
                                algorithm, event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                        bind(st, row.get("seq"), row.get("at"), row.get("actor"), row.get("actor_role"), row.get("patient_id"),
                                row.get("action"), row.get("resource"), row.get("request_id"), row.get("prev_hash"), row.get("hash"),
                                row.get("algorithm"), row.get("eid")).executeUpdate();
                    }
                }
                c.commit();
            }
            Database.execute("alter table audit_event enable trigger audit_event_append_only");
            Database.execute("alter table audit_log enable trigger audit_log_append_only");
        }
        verification().body("valid", equalTo(true));
    }
}
