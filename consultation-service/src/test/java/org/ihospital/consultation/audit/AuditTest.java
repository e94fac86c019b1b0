package org.ihospital.consultation.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTest {

    @org.junit.jupiter.api.BeforeEach
    void realNames() {
        Clinic.realName("patient-1");
        Clinic.realName("patient-2");
    }

    @TestHTTPResource("/api/v1/appointments")
    URL appointments;

    private static UUID patientOf(UUID appointment) {
        return (UUID) Database.rows("select patient_id from appointment where id = ?", appointment).get(0).get("patient_id");
    }

    private static long auditRows(UUID patient, String actor) {
        return Database.count("select count(*) from audit_log where patient_id = ? and actor = ?", patient, actor);
    }

    @Test
    void everyStaffReadOfARecordIsAuditedAndThePatientsOwnReadsAreNot() {
        UUID appointment = Clinic.book("patient-1", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        UUID patient = patientOf(appointment);
        String doctor = Keycloak.subject("doctor-1");
        long before = auditRows(patient, doctor);
        long ownBefore = Database.count("select count(*) from audit_log where actor = ?", Keycloak.subject("patient-1"));

        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/patients/" + patient + "/record").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 100).when().get("/api/v1/appointments")
                .then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);

        assertThat(auditRows(patient, doctor)).isGreaterThanOrEqualTo(before + 2);
        assertThat(Database.count("select count(*) from audit_log where patient_id = ? and actor = ? and action in"
                + " ('read-appointment', 'read-record')", patient, doctor)).isGreaterThanOrEqualTo(2);
        assertThat(Database.count("select count(*) from audit_log where actor = ?", Keycloak.subject("patient-1"))).isEqualTo(ownBefore);
        var latest = Database.rows("select action, resource, actor_role, request_id from audit_log where patient_id = ? and actor = ?"
                + " and action = 'read-record' order by seq desc limit 1", patient, doctor).get(0);
        assertThat(latest).containsEntry("resource", "patient/" + patient + "/record").containsEntry("actor_role", "doctor");
        assertThat((String) latest.get("request_id")).isNotBlank();

        given().header("Authorization", Keycloak.bearer("auditor-1")).queryParam("patientId", patient.toString())
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("entries.findAll { it.actor == '" + doctor + "' }.action", org.hamcrest.Matchers.hasItems("read-appointment", "read-record"));
        // the doctor's appointment list showed this patient: that read is audited too (if the page reached them)
        assertThat(Database.count("select count(*) from audit_log where actor = ? and action = 'list-appointments'", doctor)).isPositive();
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("patientId", patient.toString())
                .when().get("/api/v1/audit").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit").then().statusCode(400);
    }

    @Test
    void concurrentReadsKeepTheChainWhole() throws Exception {
        UUID appointment = Clinic.book("patient-2", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        String token = Keycloak.accessToken("doctor-1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reads.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(appointments + "/" + appointment))
                        .header("Authorization", "Bearer " + token).build();
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> read : reads) {
            assertThat(read.get()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(auditRows(patientOf(appointment), Keycloak.subject("doctor-1"))).isGreaterThanOrEqualTo(20);
        given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void anAlteredOrDeletedEntryBreaksTheChain() {
        UUID appointment = Clinic.book("patient-1", Clinic.freshSlots(Clinic.doctor("doctor-1"), 1).get(0));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/appointments/" + appointment).then().statusCode(200);
        }
        given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
        assertThatThrownBy(() -> Database.execute("update audit_log set action = 'nothing' where seq = 1"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> Database.execute("delete from audit_log where seq = 1")).hasStackTraceContaining("append-only");

        long victim = Database.count("select max(seq) - 1 from audit_log");
        Map<String, Object> original = Database.rows("select * from audit_log where seq = ?", victim).get(0);
        Database.execute("alter table audit_log disable trigger audit_log_append_only");
        try {
            Database.execute("update audit_log set action = 'read-nothing' where seq = ?", victim);
            given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification")
                    .then().statusCode(200).body("valid", equalTo(false), "brokenAtSeq", equalTo((int) victim));
            Database.execute("update audit_log set action = ? where seq = ?", original.get("action"), victim);

            Database.execute("delete from audit_log where seq = ?", victim);
            given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification")
                    .then().statusCode(200).body("valid", equalTo(false), "brokenAtSeq", equalTo((int) victim));
            Database.execute("""
                    insert into audit_log (seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", original.get("seq"), original.get("at"), original.get("actor"),
                    original.get("actor_role"), original.get("patient_id"), original.get("action"), original.get("resource"),
                    original.get("request_id"), original.get("prev_hash"), original.get("hash"));
        } finally {
            Database.execute("alter table audit_log enable trigger audit_log_append_only");
        }
        given().header("Authorization", Keycloak.bearer("auditor-1")).when().get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
    }
}
