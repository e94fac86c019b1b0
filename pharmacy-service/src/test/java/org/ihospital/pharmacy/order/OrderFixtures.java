package org.ihospital.pharmacy.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.pharmacy.review.IssuedPrescriptions;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What an order needs before it can be placed: a patient, an approved prescription of theirs, and insurance's word on it. */
final class OrderFixtures {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String REGION = "310104";

    private OrderFixtures() {
    }

    /** A prescription of a fresh patient, approved by a pharmacist; the claim is for the test to publish. */
    record Approved(String patient, UUID prescriptionId, UUID patientId) {
    }

    static Approved approved(IssuedPrescriptions.Line... lines) {
        String patient = Keycloak.newUser("patient", "patient");
        var rx = IssuedPrescriptions.prescription(lines).account(Keycloak.subject(patient));
        rx.publish();
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from review where prescription_id = ?", rx.prescriptionId) == 1);
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).contentType(ContentType.JSON).body("{\"approved\":true}")
                .post("/api/v1/reviews/{id}/decision", rx.prescriptionId).then().statusCode(200);
        return new Approved(patient, rx.prescriptionId, rx.patientId);
    }

    /** An approved prescription that insurance priced: the patient pays {@code patientPays} fen. */
    static Approved priced(long patientPays, IssuedPrescriptions.Line... lines) {
        Approved a = approved(lines);
        claim(a, "adjudicated", patientPays, false);
        return a;
    }

    /** Publishes a claim event as insurance-service would, and waits until pharmacy has it. */
    static UUID claim(Approved a, String event, Long patientPays, boolean hold) {
        UUID claim = UUID.nameUUIDFromBytes(("claim-" + a.prescriptionId()).getBytes());
        String at = Instant.now().toString();
        String data = switch (event) {
            case "adjudicated" -> """
                    {"claimId":"%s","prescriptionId":"%s","patientId":"%s","adjudicatedAt":"%s","total":%d,"insurerPays":%d,"patientPays":%d,
                     "hold":%s,"lines":[{"line":1,"drugCode":"AMLODIPINE-5MG-TAB","quantity":30,"amount":%d,"insurerPays":%d,"patientPays":%d}]}"""
                    .formatted(claim, a.prescriptionId(), a.patientId(), at, patientPays + 1000, 1000, patientPays, hold, patientPays + 1000, 1000,
                            patientPays);
            case "rejected" -> """
                    {"claimId":"%s","prescriptionId":"%s","patientId":"%s","rejectedAt":"%s","reason":"no coverage","patientPays":%s}"""
                    .formatted(claim, a.prescriptionId(), a.patientId(), at, patientPays == null ? "null" : patientPays.toString());
            case "released" -> """
                    {"claimId":"%s","prescriptionId":"%s","patientId":"%s","releasedAt":"%s","reason":"quantity justified"}"""
                    .formatted(claim, a.prescriptionId(), a.patientId(), at);
            default -> throw new IllegalArgumentException(event);
        };
        org.assertj.core.api.Assertions.assertThat(org.ihospital.contracts.EventContracts.violations("hospital.claim." + event + ".v1", data))
                .isEmpty();
        UUID eventId = UUID.randomUUID();
        KafkaProbe.send("insurance.claims", claim.toString(), data, Map.of("ce_specversion", "1.0", "ce_id", eventId.toString(),
                "ce_source", "/ihospital/insurance-service", "ce_type", "hospital.claim." + event + ".v1", "ce_subject", claim.toString(),
                "ce_time", at, "content-type", "application/json"));
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from inbox_event where event_id = ?", eventId) == 1);
        return claim;
    }

    static Response place(Approved a, String region) {
        return given().header("Authorization", Keycloak.bearer(a.patient())).contentType(ContentType.JSON)
                .body("""
                        {"prescriptionId":"%s","deliverTo":{"recipient":"王小明","phone":"13800000001","line":"徐汇区漕溪北路 88 号 1201"},"region":"%s"}"""
                        .formatted(a.prescriptionId(), region))
                .post("/api/v1/orders");
    }

    static UUID placed(Approved a) {
        return UUID.fromString(place(a, REGION).then().statusCode(201).extract().jsonPath().getString("id"));
    }

    static String status(UUID order) {
        return (String) Database.rows("select status from pharmacy_order where id = ?", order).get(0).get("status");
    }

    static Object pharmacy(UUID order) {
        return Database.rows("select pharmacy_id from pharmacy_order where id = ?", order).get(0).get("pharmacy_id");
    }

    static Map<String, Object> stock(UUID partner, String drug) {
        var rows = Database.rows("select on_hand, reserved from stock where partner_id = ? and drug_code = ?", partner, drug);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    static Response report(String bearer, UUID order, String body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body).post("/api/v1/partner/orders/{id}/status", order);
    }

    static List<String> orderEvents(UUID order) {
        return Database.rows("select type from outbox_event where subject = ? order by seq", order.toString()).stream()
                .map(r -> ((String) r.get("type")).replace("hospital.", "").replace(".v1", "")).toList();
    }
}
