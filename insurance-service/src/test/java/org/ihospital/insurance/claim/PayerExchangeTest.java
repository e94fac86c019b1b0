package org.ihospital.insurance.claim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.ihospital.insurance.claim.ClaimFixtures.PATIENCE;
import static org.ihospital.insurance.claim.ClaimFixtures.approved;
import static org.ihospital.insurance.claim.ClaimFixtures.claimOf;
import static org.ihospital.insurance.claim.ClaimFixtures.covered;
import static org.ihospital.insurance.claim.ClaimFixtures.events;
import static org.ihospital.insurance.claim.ClaimFixtures.policy;
import static org.ihospital.insurance.claim.ClaimFixtures.send;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The claims exchange with the reference payer of deploy/local, a real HTTP process with its own copy of
 * the rules: pre-settlement with the basic insurance and then the supplementary plan before the claim is
 * published, settlement on delivery, cancellation on a void; refusals, disagreements, failures and
 * time-outs told to it by the test.
 */
@QuarkusTest
@QuarkusTestResource(ReferencePayerProcess.class)
class PayerExchangeTest {

    @BeforeEach
    void quiet() {
        // a rule told to the payer applies to the next submissions: none of another test may be in flight
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from payer_submission where status = 'PENDING'") == 0);
        ReferencePayerProcess.reset();
    }

    @AfterEach
    void reset() {
        ReferencePayerProcess.reset();
    }

    private static List<Map<String, Object>> submissions(Object claim) {
        return Database.rows("select payer, phase, status, outcome, payer_pays, attempts from payer_submission where claim_id = ?::uuid order by seq",
                claim.toString());
    }

    private static Map<String, Object> entry(Object claim, String payer, String phase) {
        return ReferencePayerProcess.ledger(claim).stream().filter(e -> payer.equals(e.get("payer")) && phase.equals(e.get("phase"))).findFirst()
                .orElseThrow(() -> new AssertionError("the payer has no " + payer + " " + phase + " of claim " + claim));
    }

    private static void deliver(UUID prescription, UUID patient) {
        UUID order = UUID.randomUUID();
        send("pharmacy.orders", order, "order.delivered", """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"DELIVERED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":"SF1","reason":null}""".formatted(order, prescription, patient, Instant.now()));
    }

    @Test
    void bothPayersConfirmTheSplitBeforeTheClaimIsPublishedAndPayOnceOnDelivery() {
        UUID patient = covered(policy());
        UUID rx = approved(patient, null, "SITAGLIPTIN-100MG-TAB", "90");
        var claim = claimOf(rx);
        Object id = claim.get("id");
        // docs/insurance.md, claim C2 on a fresh year: the basic insurance 34.40, the plan half of the rest (270.00 - 34.40) = 117.80
        assertThat(claim).containsEntry("basic_pays", 3_440L).containsEntry("supplementary_pays", 11_780L).containsEntry("held", false);
        assertThat(submissions(id)).extracting(r -> r.get("payer") + " " + r.get("phase") + " " + r.get("outcome") + " " + r.get("payer_pays"))
                .containsExactly("BASIC PRE_SETTLEMENT ACCEPTED 3440", "SUPPLEMENTARY PRE_SETTLEMENT ACCEPTED 11780");
        assertThat(events(id)).containsExactly("claim.adjudicated");
        // the supplementary plan was told what the basic insurance pays on each line (coordination of benefits)
        assertThat(entry(id, "supplementary", "pre-settlements")).containsEntry("outcome", "ACCEPTED").containsEntry("pays", 11_780);

        deliver(rx, patient);
        await().atMost(PATIENCE).until(() -> submissions(id).stream().filter(r -> "SETTLEMENT".equals(r.get("phase")) && "ANSWERED".equals(r.get("status")))
                .count() == 2);
        assertThat(submissions(id)).extracting(r -> r.get("payer") + " " + r.get("phase") + " " + r.get("outcome") + " " + r.get("payer_pays"))
                .containsExactly("BASIC PRE_SETTLEMENT ACCEPTED 3440", "SUPPLEMENTARY PRE_SETTLEMENT ACCEPTED 11780",
                        "BASIC SETTLEMENT SETTLED 3440", "SUPPLEMENTARY SETTLEMENT SETTLED 11780");
        assertThat(Database.count("select count(*) from claim_flag where claim_id = ?::uuid", id.toString())).isZero();
        given().header("Authorization", Keycloak.bearer("auditor-1")).get("/api/v1/claims/{id}", id).then().statusCode(200)
                .body("payers.size()", equalTo(4)).body("payers[2].idempotencyKey", equalTo(id + ":settlement:basic"))
                .body("payers[2].outcome", equalTo("SETTLED"));
    }

    @Test
    void aSettlementWhoseAnswerIsLostIsFoundSettledByAskingAndNeverPaidTwice() {
        UUID patient = covered(policy());
        UUID rx = approved(patient, null, "SITAGLIPTIN-100MG-TAB", "90");
        Object id = claimOf(rx).get("id");
        // the payer settles, then keeps the answer past the service's 1 s time-out
        ReferencePayerProcess.control("basic", "settlements", "timeout-after-accept", 1, 2_500);
        deliver(rx, patient);
        await().atMost(PATIENCE).until(() -> submissions(id).stream().anyMatch(r -> "SETTLEMENT".equals(r.get("phase"))
                && "BASIC".equals(r.get("payer")) && "ANSWERED".equals(r.get("status"))));
        var settlement = submissions(id).stream().filter(r -> "SETTLEMENT".equals(r.get("phase")) && "BASIC".equals(r.get("payer"))).findFirst()
                .orElseThrow();
        assertThat(settlement).containsEntry("outcome", "SETTLED").containsEntry("payer_pays", 3_440L);
        assertThat((Integer) settlement.get("attempts")).isGreaterThanOrEqualTo(2);
        // asked before sending again: the settlement reached the payer once, and it paid once
        var paid = ReferencePayerProcess.ledger(id).stream().filter(e -> "basic".equals(e.get("payer")) && "settlements".equals(e.get("phase")))
                .toList();
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0)).containsEntry("outcome", "SETTLED").containsEntry("posts", 1).containsEntry("pays", 3_440);
        assertThat(Database.count("select count(*) from claim_flag where claim_id = ?::uuid", id.toString())).isZero();
    }

    @Test
    void aRefusingPayerHoldsTheClaimUntilAnAuditorReleasesIt() {
        UUID patient = covered(policy());
        ReferencePayerProcess.control("basic", "pre-settlements", "refuse", 1, 0);
        var claim = claimOf(approved(patient, null, "AMLODIPINE-5MG-TAB", "30"));
        Object id = claim.get("id");
        assertThat(claim).containsEntry("held", true);
        // published held: pharmacy keeps the order from being dispensed (claim-on-hold) until released
        var adjudicated = Database.rows("select payload::text as payload from outbox_event where subject = ? and type = 'hospital.claim.adjudicated.v1'",
                id.toString());
        assertThat((String) adjudicated.get(0).get("payload")).contains("\"hold\": true");
        String flag = given().header("Authorization", Keycloak.bearer("auditor-1")).get("/api/v1/claims/{id}", id).then().statusCode(200)
                .body("flags[0].kind", equalTo("PAYER_REFUSED")).body("flags[0].severity", equalTo("HOLD"))
                .body("flags[0].detail", org.hamcrest.Matchers.containsString("not insured on the day of the claim"))
                .extract().jsonPath().getString("flags[0].id");
        given().header("Authorization", Keycloak.bearer("auditor-1")).contentType(ContentType.JSON)
                .body("{\"reason\":\"the payer's office confirmed the coverage by phone; it corrected its records\"}")
                .post("/api/v1/claims/{id}/flags/{flag}/resolve", id, flag).then().statusCode(200).body("held", equalTo(false));
        assertThat(events(id)).containsExactly("claim.adjudicated", "claim.released");
    }

    @Test
    void aPayerThatSplitsOtherwiseHoldsTheClaimWithTheLineItDisagreesOn() {
        UUID patient = covered(policy());
        ReferencePayerProcess.control("supplementary", "pre-settlements", "disagree", 1, 0);
        var claim = claimOf(approved(patient, null, "SITAGLIPTIN-100MG-TAB", "90"));
        assertThat(claim).containsEntry("held", true);
        var flags = Database.rows("select kind, severity, line, detail from claim_flag where claim_id = ?::uuid", claim.get("id").toString());
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("kind", "PAYER_DISAGREES").containsEntry("severity", "HOLD").containsEntry("line", 1);
        assertThat((String) flags.get(0).get("detail")).contains("117.81").contains("117.80");
    }

    @Test
    void aPayerThatFailsIsAskedAgainAndOneThatNeverAnswersHoldsTheClaim() {
        UUID patient = covered(policy());
        ReferencePayerProcess.control("basic", "pre-settlements", "fail", 2, 0);
        var retried = claimOf(approved(patient, null, "AMLODIPINE-5MG-TAB", "30"));
        assertThat(retried).containsEntry("held", false);
        assertThat(submissions(retried.get("id")).get(0)).containsEntry("outcome", "ACCEPTED").containsEntry("attempts", 3);

        // no answer within the time-out, every attempt of the schedule (300 ms, 600 ms, 1 s in tests): failed for good
        ReferencePayerProcess.control("basic", "pre-settlements", "timeout", 0, 1_500);
        var unanswered = claimOf(approved(covered(policy()), null, "AMLODIPINE-5MG-TAB", "30"));
        ReferencePayerProcess.reset();
        assertThat(unanswered).containsEntry("held", true);
        assertThat(submissions(unanswered.get("id")).get(0)).containsEntry("status", "FAILED").containsEntry("attempts", 4);
        assertThat(Database.rows("select kind, severity from claim_flag where claim_id = ?::uuid", unanswered.get("id").toString()))
                .containsExactly(Map.of("kind", "PAYER_UNAVAILABLE", "severity", "HOLD"));
    }

    @Test
    void aVoidedClaimIsReleasedByItsPayersAndADeliveryAfterItIsSettledAfterAllForAuditorsToSee() {
        UUID patient = covered(policy());
        UUID rx = approved(patient, null, "SITAGLIPTIN-100MG-TAB", "90");
        Object id = claimOf(rx).get("id");
        UUID order = UUID.randomUUID();
        send("pharmacy.orders", order, "order.cancelled", """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"CANCELLED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":null,"reason":"cancelled by the patient"}""".formatted(order, rx, patient, Instant.now()));
        await().atMost(PATIENCE).until(() -> submissions(id).stream().filter(r -> "CANCELLATION".equals(r.get("phase"))
                && "ANSWERED".equals(r.get("status"))).count() == 2);
        assertThat(entry(id, "basic", "pre-settlements")).containsEntry("cancelled", true);
        assertThat(entry(id, "supplementary", "pre-settlements")).containsEntry("cancelled", true);
        assertThat(entry(id, "basic", "cancellations")).containsEntry("outcome", "CANCELLED");
        var yearAfterVoid = ClaimFixtures.year(patient);
        assertThat(yearAfterVoid).containsEntry("basic_paid", 0L).containsEntry("deductible_used", 0L);

        // delivered after all (an order the void had not caught up with): settled, the year takes its share again,
        // the payers that released it are asked to pay and refuse, and the auditors see all of it
        deliver(rx, patient);
        await().atMost(PATIENCE).until(() -> submissions(id).stream().filter(r -> "SETTLEMENT".equals(r.get("phase"))
                && "ANSWERED".equals(r.get("status"))).count() == 2);
        assertThat(claimOf(rx)).containsEntry("status", "SETTLED");
        assertThat(ClaimFixtures.year(patient)).containsEntry("basic_paid", 3_440L).containsEntry("deductible_used", 20_000L)
                .containsEntry("supplementary_paid", 11_780L);
        assertThat(submissions(id)).filteredOn(r -> "SETTLEMENT".equals(r.get("phase"))).extracting(r -> r.get("outcome"))
                .containsOnly("REFUSED");
        assertThat(Database.rows("select kind, severity from claim_flag where claim_id = ?::uuid order by kind", id.toString()))
                .containsExactlyInAnyOrder(Map.of("kind", "DELIVERED_AFTER_VOID", "severity", "NOTICE"),
                        Map.of("kind", "PAYER_REFUSED", "severity", "NOTICE"), Map.of("kind", "PAYER_REFUSED", "severity", "NOTICE"));
        assertThat(events(id)).containsExactly("claim.adjudicated", "claim.voided", "claim.settled");
    }

    @Test
    void nothingIsPublishedBeforeThePayersAnswerAndAVoidMeanwhileWithdrawsWhatWasNotSent() {
        UUID patient = covered(policy());
        ReferencePayerProcess.control("basic", "pre-settlements", "delay", 1, 4_000);
        UUID rx = approved(patient, null, "SITAGLIPTIN-100MG-TAB", "90");
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from claim where prescription_id = ?", rx) == 1);
        Object id = Database.rows("select id from claim where prescription_id = ?", rx).get(0).get("id");
        // the basic insurance is thinking: the claim is not published, the supplementary plan not asked yet
        assertThat(Database.rows("select confirmed_at from claim where id = ?::uuid", id.toString()).get(0).get("confirmed_at")).isNull();
        assertThat(events(id)).isEmpty();
        UUID order = UUID.randomUUID();
        send("pharmacy.orders", order, "order.cancelled", """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"CANCELLED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":null,"reason":"cancelled by the patient"}""".formatted(order, rx, patient, Instant.now()));
        await().atMost(PATIENCE).until(() -> submissions(id).stream().anyMatch(r -> "CANCELLATION".equals(r.get("phase"))
                && "ANSWERED".equals(r.get("status"))));
        assertThat(submissions(id)).extracting(r -> r.get("payer") + " " + r.get("phase") + " " + r.get("status"))
                .containsExactly("BASIC PRE_SETTLEMENT ANSWERED", "SUPPLEMENTARY PRE_SETTLEMENT WITHDRAWN", "BASIC CANCELLATION ANSWERED");
        assertThat(ReferencePayerProcess.ledger(id)).noneMatch(e -> "supplementary".equals(e.get("payer")));
        assertThat(entry(id, "basic", "pre-settlements")).containsEntry("cancelled", true);
        assertThat(Database.count("select count(*) from claim_flag where claim_id = ?::uuid", id.toString())).isZero();
        assertThat(events(id)).containsExactly("claim.voided");
    }

    @Test
    void anAnswerThatIsNotOneIsAskedAgainAndARejectedRequestGoesToAnAuditorAtOnce() {
        ReferencePayerProcess.control("basic", "pre-settlements", "malformed", 1, 0);
        var retried = claimOf(approved(covered(policy()), null, "AMLODIPINE-5MG-TAB", "30"));
        assertThat(retried).containsEntry("held", false);
        assertThat(submissions(retried.get("id")).get(0)).containsEntry("outcome", "ACCEPTED").containsEntry("attempts", 2);

        ReferencePayerProcess.control("basic", "pre-settlements", "reject", 1, 0);
        var rejected = claimOf(approved(covered(policy()), null, "AMLODIPINE-5MG-TAB", "30"));
        assertThat(rejected).containsEntry("held", true);
        assertThat(submissions(rejected.get("id")).get(0)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        var flag = Database.rows("select kind, severity, detail from claim_flag where claim_id = ?::uuid", rejected.get("id").toString());
        assertThat(flag).hasSize(1);
        assertThat(flag.get(0)).containsEntry("kind", "PAYER_UNAVAILABLE").containsEntry("severity", "HOLD");
        assertThat((String) flag.get(0).get("detail")).contains("HTTP 400").contains("rejects the request");
        // the patient does not see what the payers answered; auditors do
        given().header("Authorization", Keycloak.bearer("auditor-1")).get("/api/v1/claims/{id}", rejected.get("id")).then().statusCode(200)
                .body("payers[0].status", equalTo("FAILED"));
    }
}
