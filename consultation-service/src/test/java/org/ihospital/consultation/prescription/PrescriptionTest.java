package org.ihospital.consultation.prescription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.ihospital.contracts.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
public class PrescriptionTest {

    private static final String PROBLEM = "application/problem+json";

    public static Map<String, Object> item(String drug, int quantity, String amount, String frequency, int days) {
        return Map.of("drugCode", drug, "quantity", quantity, "dosage", Map.of("amount", new java.math.BigDecimal(amount), "frequency", frequency, "days", days));
    }

    public static Map<String, Object> prescription(UUID consultation, Map<?, ?>... items) {
        return Map.of("consultationId", consultation.toString(), "items", List.of(items));
    }

    public static UUID patientOf(UUID consultation) {
        return (UUID) Database.rows("select patient_id from consultation where id = ?", consultation).get(0).get("patient_id");
    }

    /** A completed follow-up consultation of {@code patient} for {@code icd10}, diagnosed offline and recorded before the visit. */
    public static UUID followUp(String patient, String icd10) {
        UUID appointment = Clinic.bookWithDoctor1(patient);
        condition("doctor-1", Clinic.patientOf(appointment), icd10);
        UUID consultation = Clinic.open(appointment);
        Clinic.complete(consultation, icd10);
        return consultation;
    }

    /** doctor-1 issues, with a fresh Idempotency-Key (a prescription must carry one). */
    public static io.restassured.response.ValidatableResponse issue(Map<String, Object> body) {
        return given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/prescriptions").then();
    }

    /** A patient account of its own (real name given), so that no other test's visits count as its history. */
    public static String freshPatient() {
        String patient = Keycloak.newUser("follow-up", "patient");
        Clinic.realName(patient);
        return patient;
    }

    /** A condition diagnosed offline two years ago, recorded now by {@code recorder}. */
    static void condition(String recorder, UUID patient, String icd10) {
        given().header("Authorization", Keycloak.bearer(recorder)).contentType(ContentType.JSON)
                .body(Map.of("icd10", icd10, "diagnosedOn", LocalDate.now().minusYears(2).toString(),
                        "source", "上海市第六人民医院 门诊", "note", "on treatment since"))
                .when().post("/api/v1/patients/" + patient + "/conditions").then().statusCode(201);
    }

    @Test
    void patientsAndDoctorsPageThroughTheirOwnPrescriptionsNewestFirst() {
        String patient = freshPatient();
        List<String> issued = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            issued.add(0, issue(prescription(followUp(patient, "I10"), item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                    .statusCode(201).extract().path("id"));
        }
        var first = given().header("Authorization", Keycloak.bearer(patient)).queryParam("limit", 2)
                .when().get("/api/v1/prescriptions")
                .then().statusCode(200).body("items.id", equalTo(issued.subList(0, 2)), "nextCursor", notNullValue())
                .extract().jsonPath();
        given().header("Authorization", Keycloak.bearer(patient)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/api/v1/prescriptions")
                .then().statusCode(200).body("items.id", equalTo(issued.subList(2, 3)), "nextCursor", equalTo(null));
        // the doctor who wrote them sees them first (newest); another doctor, another patient never
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 3)
                .when().get("/api/v1/prescriptions").then().statusCode(200).body("items.id", equalTo(issued));
        for (String other : List.of("doctor-2", "patient-2")) {
            List<String> seen = given().header("Authorization", Keycloak.bearer(other)).queryParam("limit", 100)
                    .when().get("/api/v1/prescriptions").then().statusCode(200).extract().path("items.id");
            assertThat(seen).as(other).doesNotContainAnyElementsOf(issued);
        }
        given().header("Authorization", Keycloak.bearer(patient)).queryParam("cursor", "not-ours")
                .when().get("/api/v1/prescriptions").then().statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().header("Authorization", Keycloak.bearer(patient)).queryParam("limit", "abc")
                .when().get("/api/v1/prescriptions").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get("/api/v1/prescriptions").then().statusCode(403);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNotCoerced() {
        UUID consultation = followUp("patient-1", "I10");
        Map<String, String> before = Database.fingerprint("prescription", "prescription_item", "outbox_event");
        Map<String, Object> dose = Map.of("amount", 1, "frequency", "QD", "days", 30);
        List<Map<String, Object>> items = List.of(
                Map.of("drugCode", "AMLODIPINE-5MG-TAB", "quantity", 30.9, "dosage", dose),
                Map.of("drugCode", "AMLODIPINE-5MG-TAB", "quantity", "30", "dosage", dose),
                Map.of("drugCode", 42, "quantity", 30, "dosage", dose),
                Map.of("drugCode", "AMLODIPINE-5MG-TAB", "quantity", 30, "dosage", Map.of("amount", "1", "frequency", "QD", "days", 30)),
                Map.of("drugCode", "AMLODIPINE-5MG-TAB", "quantity", 30, "dosage", Map.of("amount", 1, "frequency", "QD", "days", 30.5)));
        List<String> fields = List.of("items[0].quantity", "items[0].quantity", "items[0].drugCode", "items[0].dosage.amount",
                "items[0].dosage.days");
        for (int i = 0; i < items.size(); i++) {
            issue(Map.of("consultationId", consultation.toString(), "items", List.of(items.get(i))))
                    .statusCode(400).contentType(PROBLEM).body("type", equalTo("/problems/validation"),
                            "errors[0].field", equalTo(fields.get(i)));
        }
        assertThat(Database.fingerprint("prescription", "prescription_item", "outbox_event")).isEqualTo(before);
    }

    @Test
    void rejectsPrescribingOnAFirstVisit() {
        String patient = freshPatient();
        UUID first = Clinic.openConsultation(patient);
        Clinic.complete(first, "M10.9");
        Map<String, String> before = Database.fingerprint("prescription", "prescription_item", "outbox_event");
        issue(prescription(first, item("ALLOPURINOL-100MG-TAB", 60, "1", "BID", 30)))
                .statusCode(422).contentType(PROBLEM).body("type", equalTo("/problems/first-visit-prescribing"));
        assertThat(Database.fingerprint("prescription", "prescription_item", "outbox_event")).isEqualTo(before);
    }

    @Test
    void aDiagnosisRecordedBeforeTheVisitMakesItAFollowUp() {
        String patient = freshPatient();
        UUID appointment = Clinic.bookWithDoctor1(patient);
        condition("operator-1", Clinic.patientOf(appointment), "E11.9");
        UUID consultation = Clinic.open(appointment);
        Clinic.complete(consultation, "E11.9");
        issue(prescription(consultation, item("METFORMIN-500MG-TAB", 60, "1", "BID", 30))).statusCode(201)
                .body("diagnoses", equalTo(List.of("E11.9")));
    }

    @Test
    void aConditionThePrescriberWritesDuringTheVisitIsNoEvidence() {
        String patient = freshPatient();
        UUID appointment = Clinic.bookWithDoctor1(patient);
        UUID consultation = Clinic.open(appointment);
        condition("doctor-1", Clinic.patientOf(appointment), "I10");
        Clinic.complete(consultation, "I10");
        issue(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .statusCode(422).body("type", equalTo("/problems/first-visit-prescribing"));
    }

    @Test
    void aConditionAnotherClinicianWritesDuringTheVisitIsNoEvidenceByDefault() {
        String patient = freshPatient();
        UUID appointment = Clinic.bookWithDoctor1(patient);
        UUID consultation = Clinic.open(appointment);
        condition("operator-1", Clinic.patientOf(appointment), "E78.5");
        Clinic.complete(consultation, "E78.5");
        issue(prescription(consultation, item("ATORVASTATIN-20MG-TAB", 30, "1", "QN", 30)))
                .statusCode(422).body("type", equalTo("/problems/first-visit-prescribing"));
    }

    @Test
    void anEarlierCompletedConsultationAlsoMakesAFollowUp() {
        String patient = freshPatient();
        UUID earlier = Clinic.openConsultation(patient);
        Clinic.complete(earlier, "E78.5");
        UUID now = Clinic.openConsultation(patient);
        Clinic.complete(now, "E78.2");
        issue(prescription(now, item("ATORVASTATIN-20MG-TAB", 30, "1", "QN", 30))).statusCode(201)
                .body("diagnoses", equalTo(List.of("E78.2")));
    }

    @Test
    void aPrescriptionIsSignedVerifiableAndTamperEvident() {
        UUID consultation = followUp("patient-1", "I10");
        var issued = issue(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30),
                item("HCTZ-25MG-TAB", 15, "0.5", "QD", 30)))
                .statusCode(201).body("status", equalTo("ISSUED"), "signatureAlgorithm", equalTo("Ed25519"), "signature", notNullValue(),
                        "items", hasSize(2), "items[0].atc", equalTo("C08CA01"))
                .extract().jsonPath();
        String id = issued.getString("id");
        assertThat(Duration.between(Instant.parse(issued.getString("issuedAt")), Instant.parse(issued.getString("expiresAt"))))
                .isEqualTo(Duration.ofDays(3));

        String verification = "/api/v1/prescriptions/" + id + "/verification";
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get(verification)
                .then().statusCode(200).body("valid", equalTo(true), "algorithm", equalTo("Ed25519"));

        // any stored field altered, and the signature no longer holds
        Database.execute("update prescription_item set quantity = 300 where prescription_id = ?::uuid and line = 1", id);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get(verification)
                .then().statusCode(200).body("valid", equalTo(false));
        Database.execute("update prescription_item set quantity = 30 where prescription_id = ?::uuid and line = 1", id);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get(verification).then().body("valid", equalTo(true));
        Database.execute("update prescription_diagnosis set icd10 = 'I11.9' where prescription_id = ?::uuid", id);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get(verification).then().body("valid", equalTo(false));
        Database.execute("update prescription_diagnosis set icd10 = 'I10' where prescription_id = ?::uuid", id);
        Database.execute("update prescription set expires_at = expires_at + interval '30 days' where id = ?::uuid", id);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get(verification).then().body("valid", equalTo(false));
        // the private key is stored sealed, never in clear
        var key = Database.rows("select private_key_encrypted, public_key from doctor_key dk join prescription p on p.key_id = dk.id"
                + " where p.id = ?::uuid", id).get(0);
        assertThat((byte[]) key.get("private_key_encrypted")).hasSizeGreaterThan(16);
    }

    @Test
    void whatIsPublishedCarriesWhatPharmacyAndInsuranceNeedAndConforms() {
        UUID consultation = followUp("patient-2", "E11.9");
        UUID patient = patientOf(consultation);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("substance", "penicillin", "reaction", "rash", "severity", "SEVERE"))
                .when().post("/api/v1/patients/" + patient + "/allergies").then().statusCode(201);
        String id = issue(prescription(consultation, item("METFORMIN-500MG-TAB", 180, "1", "TID", 60)))
                .statusCode(201).extract().path("id");
        var event = Database.rows("select type, payload::text as payload from outbox_event where subject = ? order by seq", id).get(0);
        assertThat(event.get("type")).isEqualTo("hospital.prescription.issued.v1");
        assertThat(EventContracts.violations("hospital.prescription.issued.v1", (String) event.get("payload"))).isEmpty();
        assertThat((String) event.get("payload")).contains("\"A10BA02\"", "\"penicillin\"", "\"SEVERE\"").doesNotContain("王");
    }

    @Test
    void zeroNegativeAbsurdOrUnknownItemsAreRefusedAndChangeNothing() {
        UUID consultation = followUp("patient-1", "I10");
        UUID open = Clinic.openConsultation("patient-1");
        Map<String, String> before = Database.fingerprint("prescription", "prescription_item", "outbox_event", "doctor_key");
        record Case(Map<String, Object> body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case(prescription(consultation, item("NO-SUCH-DRUG", 30, "1", "QD", 30)), 400, "items[0].drugCode"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 0, "1", "QD", 30)), 400, "items[0].quantity"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", -5, "1", "QD", 30)), 400, "items[0].quantity"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "-1", "QD", 30)), 400, "items[0].dosage.amount"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "10", "QD", 30)), 400, "items[0].dosage.amount"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 900, "1", "QD", 30)), 400, "items[0].quantity"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 60, "1", "QD", 30)), 400, "items[0].quantity"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 365)), 400, "items[0].dosage.days"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "HOURLY", 30)), 400, "items[0].dosage.frequency"),
                new Case(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30),
                        item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)), 400, "items[1].drugCode"),
                new Case(prescription(consultation), 400, "items"));
        for (Case c : cases) {
            issue(c.body()).statusCode(c.status()).contentType(PROBLEM).body("errors.field", hasItems(c.field()));
        }
        issue(Map.of("consultationId", consultation.toString(), "items", "amlodipine")).statusCode(400);
        issue(prescription(UUID.randomUUID(), item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30))).statusCode(404);
        issue(prescription(open, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .statusCode(409).body("type", equalTo("/problems/consultation-not-completed"));
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON)
                .body(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .header("Idempotency-Key", UUID.randomUUID().toString()).when().post("/api/v1/prescriptions").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .when().post("/api/v1/prescriptions").then().statusCode(403);
        assertThat(Database.fingerprint("prescription", "prescription_item", "outbox_event", "doctor_key")).isEqualTo(before);
    }

    @Test
    void aReaderWhoIsAlsoAPatientIsAuditedWhenReadingSomeoneElsesPrescription() {
        UUID consultation = followUp("patient-1", "I10");
        String id = issue(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        String pharmacistPatient = Keycloak.newUser("pharmacist-patient", "pharmacist", "patient");
        given().header("Authorization", Keycloak.bearer(pharmacistPatient)).when().get("/api/v1/prescriptions/" + id).then().statusCode(200);
        assertThat(Database.count("select count(*) from audit_event where actor = ? and resource = ?", Keycloak.subject(pharmacistPatient),
                "prescription/" + id)).isEqualTo(1);
        // the patient reading their own is not a staff read
        long own = Database.count("select count(*) from audit_event where actor = ?", Keycloak.subject("patient-1"));
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/prescriptions/" + id).then().statusCode(200);
        assertThat(Database.count("select count(*) from audit_event where actor = ?", Keycloak.subject("patient-1"))).isEqualTo(own);
    }

    @Test
    void onlyThePrescribingDoctorRevokesWhateverOtherRolesACallerHolds() {
        UUID consultation = followUp("patient-2", "I10");
        String id = issue(prescription(consultation, item("LOSARTAN-50MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        String doctorPharmacist = Keycloak.newUser("doctor-pharmacist", "doctor", "pharmacist", "auditor");
        given().header("Authorization", Keycloak.bearer(doctorPharmacist)).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/v1/prescriptions/" + id + "/revoke").then().statusCode(404);
        assertThat(Database.rows("select status from prescription where id = ?::uuid", id).get(0).get("status")).isEqualTo("ISSUED");
        // reading it is their right as a pharmacist, and audited
        given().header("Authorization", Keycloak.bearer(doctorPharmacist)).when().get("/api/v1/prescriptions/" + id).then().statusCode(200);
        assertThat(Database.count("select count(*) from audit_event where actor = ? and resource = ?", Keycloak.subject(doctorPharmacist),
                "prescription/" + id)).isEqualTo(1);
    }

    @Test
    void aSubstitutedSigningKeyDoesNotVerify() {
        UUID consultation = followUp("patient-1", "I10");
        String id = issue(prescription(consultation, item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        String verification = "/api/v1/prescriptions/" + id + "/verification";
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get(verification).then().body("valid", equalTo(true));
        // someone who can write the database puts in their own key pair and re-signs: the hospital never attested it
        var forged = org.ihospital.commons.testing.TestSigning.doctorKey(
                Database.rows("select doctor_id::text as d from prescription where id = ?::uuid", id).get(0).get("d").toString(),
                Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600), org.ihospital.commons.testing.TestSigning.strangerPrivateKey());
        UUID keyId = UUID.fromString(forged.attested().keyId());
        Database.execute("""
                insert into doctor_key (id, doctor_id, algorithm, public_key, private_key_encrypted, iv, active, created_at, not_before,
                    not_after, attestation, attested_by)
                select ?, doctor_id, 'Ed25519', ?, '\\x00'::bytea, '\\x00'::bytea, false, now(), ?, ?, ?, ? from prescription where id = ?::uuid""",
                keyId, forged.pair().getPublic().getEncoded(), java.sql.Timestamp.from(forged.attested().notBefore()),
                java.sql.Timestamp.from(forged.attested().notAfter()), forged.attested().attestation(), forged.attested().attestedBy(), id);
        byte[] content = java.util.Base64.getDecoder().decode(Database.rows(
                "select payload->>'signedContent' as c from outbox_event where subject = ? and type = 'hospital.prescription.issued.v1'", id)
                .get(0).get("c").toString());
        Database.execute("update prescription set key_id = ?, signature = ? where id = ?::uuid", keyId, forged.sign(content), id);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get(verification)
                .then().body("valid", equalTo(false), "reason", equalTo("the signing key's attestation does not hold"));
    }

    @Test
    void theHospitalPublishesTheKeysThatAttestDoctorsKeys() {
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get("/api/v1/signing-keys")
                .then().statusCode(200).body("keys[0].kty", equalTo("OKP"), "keys[0].crv", equalTo("Ed25519"),
                        "keys[0].kid", equalTo("test-hospital-1"), "keys[0].x", notNullValue());
    }

    @Test
    void theDoctorRequestsARevocationOnceAndPharmacyDecides() {
        UUID consultation = followUp("patient-2", "I10");
        String id = issue(prescription(consultation, item("LOSARTAN-50MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        String revoke = "/api/v1/prescriptions/" + id + "/revoke";
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post(revoke).then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("doctor-2")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post(revoke).then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body(Map.of("reason", "blood pressure too low at home"))
                .when().post(revoke).then().statusCode(202).body("status", equalTo("REVOCATION_REQUESTED"));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post(revoke).then().statusCode(409).body("type", equalTo("/problems/prescription-not-revocable"));
        var requested = Database.rows("select payload::text as payload from outbox_event where subject = ? and type = ?", id,
                "hospital.prescription.revocation-requested.v1");
        assertThat(requested).hasSize(1);
        assertThat(EventContracts.violations("hospital.prescription.revocation-requested.v1", (String) requested.get(0).get("payload")))
                .isEmpty();
        assertThat(Database.count("select count(*) from outbox_event where subject = ? and type = 'hospital.prescription.revoked.v1'", id))
                .isZero();

        // pharmacy confirms (twice: a redelivery): revoked, published once, on the timeline
        String confirmed = "{\"prescriptionId\":\"" + id + "\",\"orderId\":null,\"confirmedAt\":\"" + Instant.now() + "\"}";
        assertThat(EventContracts.violations("hospital.revocation.confirmed.v1", confirmed)).isEmpty();
        sendSagaEvent("pharmacy.reviews", "revocation.confirmed", id, Instant.now(), confirmed, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REVOKED".equals(
                Database.rows("select status from prescription where id = ?::uuid", id).get(0).get("status")));
        var revoked = Database.rows("select payload::text as payload from outbox_event where subject = ? and type = ?", id,
                "hospital.prescription.revoked.v1");
        assertThat(revoked).hasSize(1);
        assertThat(EventContracts.violations("hospital.prescription.revoked.v1", (String) revoked.get(0).get("payload"))).isEmpty();
        assertThat((String) revoked.get(0).get("payload")).contains("blood pressure too low at home");
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(
                "select count(*) from prescription_timeline where prescription_id = ?::uuid", id) == 4);
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/prescriptions/" + id + "/timeline")
                .then().statusCode(200).body("type", equalTo(List.of("prescription.issued", "prescription.revocation-requested",
                        "revocation.confirmed", "prescription.revoked")));
    }

    @Test
    void aRefusedRevocationLetsThePrescriptionStand() {
        UUID consultation = followUp("patient-2", "I10");
        String id = issue(prescription(consultation, item("LOSARTAN-50MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("reason", "not needed"))
                .when().post("/api/v1/prescriptions/" + id + "/revoke").then().statusCode(202);
        String refused = "{\"prescriptionId\":\"" + id + "\",\"orderId\":null,\"refusedAt\":\"" + Instant.now()
                + "\",\"reason\":\"dispensed already\"}";
        assertThat(EventContracts.violations("hospital.revocation.refused.v1", refused)).isEmpty();
        sendSagaEvent("pharmacy.reviews", "revocation.refused", id, Instant.now(), refused, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ISSUED".equals(
                Database.rows("select status from prescription where id = ?::uuid", id).get(0).get("status")));
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(
                "select count(*) from prescription_timeline where prescription_id = ?::uuid", id) == 3);
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/prescriptions/" + id + "/timeline")
                .then().statusCode(200).body("type", equalTo(List.of("prescription.issued", "prescription.revocation-requested",
                        "revocation.refused")))
                .body("[2].detail.reason", equalTo("dispensed already"));
        assertThat(Database.count("select count(*) from outbox_event where subject = ? and type = 'hospital.prescription.revoked.v1'", id))
                .isZero();
    }

    @Test
    void anUndispensedPrescriptionExpires() {
        UUID consultation = followUp("patient-1", "I10");
        String id = issue(prescription(consultation, item("VALSARTAN-80MG-CAP", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        // three days pass
        Database.execute("update prescription set expires_at = now() - interval '1 second' where id = ?::uuid", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(
                Database.rows("select status from prescription where id = ?::uuid", id).get(0).get("status")));
        var expired = Database.rows("select payload::text as payload from outbox_event where subject = ? and type = ?", id,
                "hospital.prescription.expired.v1");
        assertThat(expired).hasSize(1);
        assertThat(EventContracts.violations("hospital.prescription.expired.v1", (String) expired.get(0).get("payload"))).isEmpty();
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("reason", "late"))
                .when().post("/api/v1/prescriptions/" + id + "/revoke").then().statusCode(409);
    }

    @Test
    void aPatientSeesOnlyTheirOwnPrescriptions() {
        UUID consultation = followUp("patient-1", "I10");
        String id = issue(prescription(consultation, item("BISOPROLOL-5MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/prescriptions/" + id).then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).when().get("/api/v1/prescriptions/" + id).then().statusCode(200);
        for (String path : List.of("", "/verification", "/timeline")) {
            given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/prescriptions/" + id + path)
                    .then().statusCode(404).contentType(PROBLEM);
        }
        given().header("Authorization", Keycloak.bearer("doctor-2")).when().get("/api/v1/prescriptions/" + id).then().statusCode(404);
    }

    @Test
    void aRetriedIssueWithTheSameKeyIssuesOnce() {
        UUID consultation = followUp("patient-2", "I10");
        String key = UUID.randomUUID().toString();
        var body = prescription(consultation, item("IRBESARTAN-150MG-TAB", 30, "1", "QD", 30));
        String first = given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/prescriptions").then().statusCode(201).extract().path("id");
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/prescriptions")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(Database.count("select count(*) from prescription where consultation_id = ?", consultation)).isEqualTo(1);
    }

    @Test
    void theTimelineShowsEachStepOfTheSagaOnceInOrder() {
        UUID consultation = followUp("patient-1", "I10");
        String id = issue(prescription(consultation, item("ENALAPRIL-10MG-TAB", 30, "1", "QD", 30))).statusCode(201).extract().path("id");
        Instant t = Instant.now();
        String order = UUID.randomUUID().toString();
        String claim = UUID.randomUUID().toString();
        sendSagaEvent("pharmacy.reviews", "prescription.reviewed", id, t.plusSeconds(1),
                "{\"prescriptionId\":\"" + id + "\",\"approved\":true,\"pharmacistId\":\"p1\"}", true);
        sendSagaEvent("insurance.claims", "claim.adjudicated", claim, t.plusSeconds(2),
                "{\"prescriptionId\":\"" + id + "\",\"claimId\":\"" + claim + "\",\"insurerPays\":2400,\"patientPays\":600}", true);
        sendSagaEvent("pharmacy.orders", "order.created", order, t.plusSeconds(3),
                "{\"prescriptionId\":\"" + id + "\",\"orderId\":\"" + order + "\"}", false);
        sendSagaEvent("pharmacy.orders", "order.dispensed", order, t.plusSeconds(4),
                "{\"prescriptionId\":\"" + id + "\",\"orderId\":\"" + order + "\",\"pharmacyId\":\"partner-pharmacy-1\"}", true);

        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(
                "select count(*) from prescription_timeline where prescription_id = ?::uuid", id) == 5);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/prescriptions/" + id + "/timeline")
                .then().statusCode(200).body("type", equalTo(List.of("prescription.issued", "prescription.reviewed",
                        "claim.adjudicated", "order.created", "order.dispensed")), "[2].detail.insurerPays", equalTo(2400));
        assertThat(Database.rows("select status from prescription where id = ?::uuid", id).get(0).get("status")).isEqualTo("DISPENSED");
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of("reason", "too late"))
                .when().post("/api/v1/prescriptions/" + id + "/revoke").then().statusCode(409);
    }

    /** Publishes a CloudEvent as pharmacy or insurance would, optionally twice (a redelivery). */
    public static void sendSagaEvent(String topic, String type, String subject, Instant time, String data, boolean twice) {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "hospital." + type + ".v1", "ce_source", "/ihospital/test", "ce_subject", subject, "ce_time", time.toString());
        KafkaProbe.send(topic, subject, data, headers);
        if (twice) {
            KafkaProbe.send(topic, subject, data, headers);
        }
    }
}
