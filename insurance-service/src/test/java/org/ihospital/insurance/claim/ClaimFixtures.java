package org.ihospital.insurance.claim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.contracts.EventContracts;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Policies, coverage and approved prescriptions as the claims' tests need them, and what came of them in the database. */
public final class ClaimFixtures {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int YEAR = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();

    /** 200.00 deductible, 800.00 cap, class B 10 % first, 80 % reimbursed, a 50 % supplementary plan capped at 300.00. */
    public static String policy() {
        return given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body("""
                {"name":"门诊慢特病 %d","deductible":20000,"annualCap":80000,"classBSelfPay":1000,"reimbursement":8000,
                 "supplementary":{"reimbursement":5000,"annualCap":30000,"coversClassC":false},
                 "validFrom":"%d-01-01","validUntil":"%d-12-31"}""".formatted(YEAR, YEAR, YEAR))
                .post("/api/v1/policies").then().statusCode(201).extract().jsonPath().getString("id");
    }

    static Response cover(UUID patient, String policy, String from, String until) {
        return given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"policyId\":\"" + policy + "\",\"validFrom\":\"" + from + "\",\"validUntil\":\"" + until + "\"}")
                .put("/api/v1/coverages/{patient}", patient);
    }

    public static UUID covered(String policy) {
        UUID patient = UUID.randomUUID();
        cover(patient, policy, YEAR + "-01-01", YEAR + "-12-31").then().statusCode(200);
        return patient;
    }

    /** pharmacy-service's prescription.reviewed, as it publishes it. */
    public static UUID approved(UUID patient, String account, String... drugAndQuantity) {
        UUID prescription = UUID.randomUUID();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < drugAndQuantity.length; i += 2) {
            // the drug's own ATC class (a made-up code keeps a placeholder), as pharmacy-service's event carries it
            String atc = org.ihospital.contracts.ReferenceData.drug(drugAndQuantity[i]).map(org.ihospital.contracts.ReferenceData.Drug::atc)
                    .orElse("V99ZZ99");
            items.append(i == 0 ? "" : ",").append("{\"line\":%d,\"drugCode\":\"%s\",\"atc\":\"%s\",\"quantity\":%s}"
                    .formatted(i / 2 + 1, drugAndQuantity[i], atc, drugAndQuantity[i + 1]));
        }
        String data = """
                {"prescriptionId":"%s","reviewId":"%s","patientId":"%s","patientAccount":%s,"approved":true,"reason":null,
                 "reviewedAt":"%s","pharmacistId":"p-1","region":"310104","items":[%s],"overriddenFindings":[]}"""
                .formatted(prescription, UUID.randomUUID(), patient, account == null ? "null" : "\"" + account + "\"", Instant.now(), items);
        send("pharmacy.reviews", prescription, "prescription.reviewed", data);
        return prescription;
    }

    static void send(String topic, UUID key, String type, String data) {
        assertThat(EventContracts.violations("hospital." + type + ".v1", data)).isEmpty();
        KafkaProbe.send(topic, key.toString(), data, Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/ihospital/test", "ce_type", "hospital." + type + ".v1", "ce_subject", key.toString(),
                "ce_time", Instant.now().toString(), "content-type", "application/json"));
    }

    /** The prescription's claim once decided: rejected, or adjudicated and confirmed by its payers (or voided meanwhile). */
    public static Map<String, Object> claimOf(UUID prescription) {
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from claim where prescription_id = ? and (status <> 'ADJUDICATED' "
                + "or confirmed_at is not null)", prescription) == 1);
        return Database.rows("select * from claim where prescription_id = ?", prescription).get(0);
    }

    static List<String> events(Object claimId) {
        return Database.rows("select type, payload::text as payload from outbox_event where subject = ? order by seq", claimId.toString()).stream()
                .map(r -> {
                    assertThat(EventContracts.violations((String) r.get("type"), (String) r.get("payload"))).as((String) r.get("type")).isEmpty();
                    return ((String) r.get("type")).replace("hospital.", "").replace(".v1", "");
                }).toList();
    }

    static Map<String, Object> year(UUID patient) {
        return Database.rows("select deductible_used, basic_paid, supplementary_paid from accumulator where patient_id = ? and year = ?", patient, YEAR)
                .get(0);
    }

    private ClaimFixtures() {
    }
}
