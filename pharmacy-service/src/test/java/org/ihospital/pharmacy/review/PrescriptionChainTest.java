package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.ServiceProcess;
import org.ihospital.commons.testing.TestSigning;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The event chain across two real services: an outbox row committed in consultation-service's database
 * is published by consultation-service's relay (its packaged jar, run as a process) and lands in this
 * service's review queue through its inbox, once, however often Kafka delivers it, and even when
 * consultation-service is killed between publishing and marking the row published.
 */
@QuarkusTest
class PrescriptionChainTest {

    private static final Path CONSULTATION_JAR = Path.of("..", "consultation-service", "target", "quarkus-app", "quarkus-run.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOPIC = "consultation.prescriptions";
    private static ServiceProcess consultation;

    @BeforeAll
    static void startConsultation() {
        consultation = startConsultationService();
    }

    @AfterAll
    static void stopConsultation() {
        if (consultation != null) {
            consultation.close();
        }
    }

    @AfterEach
    void removeFault() throws SQLException {
        consultationSql("drop trigger if exists hold_mark_published on outbox_event");
    }

    private static ServiceProcess startConsultationService() {
        return ServiceProcess.start(CONSULTATION_JAR, Path.of("target", "consultation-service-chain.log"),
                Map.of("hospital.db.name", "consultation_test",
                        "hospital.consultation.prescription.key-encryption-key", "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=",
                        "hospital.consultation.signing.hospital-key-id", TestSigning.HOSPITAL_KEY_ID,
                        "hospital.consultation.signing.hospital-private-key", TestSigning.HOSPITAL_PRIVATE_KEY,
                        "hospital.consultation.signing.trusted-keys", TestSigning.HOSPITAL_KEY_ID + ":" + TestSigning.HOSPITAL_PUBLIC_KEY,
                        "hospital.consultation.audit.chain-key", "dGVzdC1vbmx5LWF1ZGl0LWNoYWluLWhtYWMta2V5LTMyYnl0ZXMh"),
                Duration.ofSeconds(90));
    }

    @Test
    void anIssuedPrescriptionReachesTheReviewQueueOnceHoweverOftenItIsDelivered() throws Exception {
        try (KafkaProbe topic = KafkaProbe.tail(TOPIC)) {
            UUID prescription = UUID.randomUUID();
            UUID eventId = commitIssuedEvent(prescription);

            await().atMost(PATIENCE).until(() -> reviews(prescription) == 1);
            assertThat(status(prescription)).isEqualTo("PENDING");
            await().atMost(PATIENCE).until(() -> published(eventId));

            var record = topic.await(r -> prescription.toString().equals(r.key()), PATIENCE);
            KafkaProbe.redeliver(record);
            KafkaProbe.redeliver(record);
            // the revocation comes after the two duplicates on the prescription's partition: once it is applied,
            // the duplicates were consumed, and skipped
            commitEvent(prescription, "revoked");
            await().atMost(PATIENCE).until(() -> status(prescription).equals("WITHDRAWN"));

            assertThat(reviews(prescription)).isEqualTo(1);
            assertThat(Database.count("select count(*) from inbox_event where event_id = ?", eventId)).isEqualTo(1);
        }
    }

    @Test
    void killingConsultationBetweenPublishAndMarkLosesNothingAndDuplicatesNothing() throws Exception {
        // Hold the relay inside "mark published" (after Kafka acknowledged the batch) long enough to kill it there.
        consultationSql("""
                create or replace function hold_mark_published() returns trigger language plpgsql as $$
                begin perform pg_sleep(30); return new; end $$""");
        consultationSql("""
                create trigger hold_mark_published before update of published_at on outbox_event
                for each row execute function hold_mark_published()""");
        try (KafkaProbe topic = KafkaProbe.tail(TOPIC)) {
            UUID prescription = UUID.randomUUID();
            UUID eventId = commitIssuedEvent(prescription);

            await().atMost(PATIENCE).until(() -> reviews(prescription) == 1);   // published and consumed …
            consultation.kill();                                                 // … but never marked
            // PostgreSQL ends a dead client's session when it next talks to it; end the sleeping one now
            consultationCount("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database()"
                    + " and query like '%update outbox_event%' and pid <> pg_backend_pid()");
            await().atMost(PATIENCE).until(() -> consultationCount(
                    "select count(*) from pg_stat_activity where datname = current_database() and query like '%update outbox_event%'"
                            + " and pid <> pg_backend_pid()") == 0);
            assertThat(published(eventId)).as("the dead relay's transaction rolled back").isFalse();

            consultationSql("drop trigger hold_mark_published on outbox_event");
            consultation = startConsultationService();

            await().atMost(PATIENCE).until(() -> published(eventId));
            var deliveries = topic.awaitCount(r -> prescription.toString().equals(r.key()), 2, PATIENCE);
            assertThat(deliveries).extracting(r -> KafkaProbe.header(r, "ce_id")).containsOnly(eventId.toString());
            // the redelivery was consumed: the revocation after it on the same partition is applied
            commitEvent(prescription, "revoked");
            await().atMost(PATIENCE).until(() -> status(prescription).equals("WITHDRAWN"));
            assertThat(reviews(prescription)).isEqualTo(1);
            assertThat(Database.count("select count(*) from inbox_event where event_id = ?", eventId)).isEqualTo(1);
        }
    }

    @Test
    void aPrescriptionWhoseSignatureDoesNotVerifyIsRecordedAndNeverQueued() throws Exception {
        UUID forged = UUID.randomUUID();
        commitEvent(forged, "issued", TestSigning.doctorKey(DOCTOR.toString(), NOT_BEFORE, NOT_AFTER, TestSigning.strangerPrivateKey()));
        UUID genuine = UUID.randomUUID();
        commitIssuedEvent(genuine);
        await().atMost(PATIENCE).until(() -> reviews(genuine) == 1 && reviews(forged) == 1);
        assertThat(status(forged)).isEqualTo("INVALID");
        assertThat(Database.rows("select close_reason from review where prescription_id = ?", forged).get(0).get("close_reason"))
                .isEqualTo("the signing key's attestation does not hold");
        assertThat(status(genuine)).isEqualTo("PENDING");
    }

    private static final UUID DOCTOR = UUID.randomUUID();
    private static final java.time.Instant NOT_BEFORE = java.time.Instant.parse("2026-01-01T00:00:00Z");
    private static final java.time.Instant NOT_AFTER = java.time.Instant.parse("2099-01-01T00:00:00Z");

    /** What consultation-service does in the transaction that issues a prescription: its outbox row, signed by an attested key. */
    private static UUID commitIssuedEvent(UUID prescription) throws SQLException {
        return commitEvent(prescription, "issued", TestSigning.doctorKey(DOCTOR.toString(), NOT_BEFORE, NOT_AFTER));
    }

    private static UUID commitEvent(UUID prescription, String event) throws SQLException {
        return commitEvent(prescription, event, null);
    }

    private static UUID commitEvent(UUID prescription, String event, TestSigning.DoctorKey key) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = consultationDb(); PreparedStatement st = c.prepareStatement("""
                insert into outbox_event (id, topic, subject, type, payload) values (?, ?, ?, ?, ?::jsonb)""")) {
            st.setObject(1, id);
            st.setString(2, TOPIC);
            st.setString(3, prescription.toString());
            st.setString(4, "hospital.prescription." + event + ".v1");
            st.setString(5, payload(prescription, event, key));
            st.executeUpdate();
        }
        return id;
    }

    /** The event's data as consultation-service writes it, checked against the contract pharmacy relies on. */
    private static String payload(UUID prescription, String event, TestSigning.DoctorKey key) {
        String patient = UUID.randomUUID().toString();
        String data = switch (event) {
            case "issued" -> {
                var rx = IssuedPrescriptions.prescription(IssuedPrescriptions.amlodipine()).patient(UUID.fromString(patient));
                rx.prescriptionId = prescription;
                rx.doctorId = DOCTOR;
                rx.key = key;
                yield rx.eventJson();
            }
            case "revoked" -> """
                    {"prescriptionId":"%s","patientId":"%s","reason":"dose changed","revokedAt":"2026-11-25T09:00:00Z"}"""
                    .formatted(prescription, patient);
            default -> throw new IllegalArgumentException(event);
        };
        assertThat(EventContracts.violations("hospital.prescription." + event + ".v1", data)).isEmpty();
        return data;
    }

    private static String status(UUID prescription) {
        var rows = Database.rows("select status from review where prescription_id = ?", prescription);
        return rows.isEmpty() ? "" : (String) rows.get(0).get("status");
    }

    private static long reviews(UUID prescription) {
        return Database.count("select count(*) from review where prescription_id = ?", prescription);
    }

    private static boolean published(UUID eventId) throws SQLException {
        return consultationCount("select count(*) from outbox_event where published_at is not null and id = '" + eventId + "'") == 1;
    }

    private static Connection consultationDb() throws SQLException {
        // as the owner of consultation-service's tables (its own role may not create triggers on them)
        return Database.connect("consultation_test", "consultation_owner", "consultation_owner");
    }

    private static void consultationSql(String sql) throws SQLException {
        try (Connection c = consultationDb()) {
            c.createStatement().execute(sql);
        }
    }

    private static long consultationCount(String sql) throws SQLException {
        try (Connection c = consultationDb(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
