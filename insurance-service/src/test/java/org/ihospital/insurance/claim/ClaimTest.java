package org.ihospital.insurance.claim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.ihospital.insurance.claim.ClaimFixtures.PATIENCE;
import static org.ihospital.insurance.claim.ClaimFixtures.YEAR;
import static org.ihospital.insurance.claim.ClaimFixtures.approved;
import static org.ihospital.insurance.claim.ClaimFixtures.claimOf;
import static org.ihospital.insurance.claim.ClaimFixtures.cover;
import static org.ihospital.insurance.claim.ClaimFixtures.covered;
import static org.ihospital.insurance.claim.ClaimFixtures.events;
import static org.ihospital.insurance.claim.ClaimFixtures.policy;
import static org.ihospital.insurance.claim.ClaimFixtures.send;
import static org.ihospital.insurance.claim.ClaimFixtures.year;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Claims end to end: policies and coverage through the API, approved reviews arriving by Kafka, the
 * split and the patient's year in PostgreSQL, claim events through the outbox. Real servers.
 */
@QuarkusTest
@QuarkusTestResource(ReferencePayerProcess.class)
class ClaimTest {

    @Test
    void anApprovedPrescriptionIsSplitAndThePatientSeesTheirShare() {
        String policy = policy();
        UUID patient = covered(policy);
        String user = Keycloak.newUser("patient", "patient");
        UUID rx = approved(patient, Keycloak.subject(user), "SITAGLIPTIN-100MG-TAB", "90");
        var claim = claimOf(rx);
        // docs/insurance.md, claim C2 on a fresh year: 270.00; 27.00 self-pay first; 200.00 deductible; 80 % of 43.00 = 34.40
        assertThat(claim).containsEntry("status", "ADJUDICATED").containsEntry("total", 27_000L).containsEntry("basic_pays", 3_440L);
        assertThat((Long) claim.get("basic_pays") + (Long) claim.get("supplementary_pays") + (Long) claim.get("patient_pays")).isEqualTo(27_000L);
        assertThat(year(patient)).containsEntry("deductible_used", 20_000L).containsEntry("basic_paid", 3_440L);
        assertThat(events(claim.get("id"))).containsExactly("claim.adjudicated");

        given().header("Authorization", Keycloak.bearer(user)).get("/api/v1/claims/{id}", claim.get("id")).then().statusCode(200)
                .body("status", equalTo("ADJUDICATED")).body("lines[0].selfPayFirst", equalTo(2700)).body("lines[0].deductible", equalTo(20000));
        given().header("Authorization", Keycloak.bearer(user)).get("/api/v1/claims").then().statusCode(200).body("items.size()", equalTo(1));
        given().header("Authorization", Keycloak.bearer("patient-1")).get("/api/v1/claims/{id}", claim.get("id")).then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("auditor-1")).get("/api/v1/claims/{id}", claim.get("id")).then().statusCode(200);
    }

    @Test
    void withoutCoverageThePatientPaysTheFullPriceAndAnUnknownDrugIsRejectedWithoutStoppingTheStream() {
        UUID uncovered = UUID.randomUUID();
        var selfPay = claimOf(approved(uncovered, null, "AMLODIPINE-5MG-TAB", "90"));
        assertThat(selfPay).containsEntry("status", "REJECTED").containsEntry("patient_pays", 1_350L).containsEntry("basic_pays", 0L);
        assertThat((String) selfPay.get("reason")).contains("no coverage");

        var unknown = claimOf(approved(covered(policy()), null, "AMLODIPINE-5MG-TAB", "30", "NO-SUCH-DRUG", "1"));
        assertThat(unknown).containsEntry("status", "REJECTED").containsEntry("patient_pays", null);
        assertThat((String) unknown.get("reason")).contains("NO-SUCH-DRUG");
        assertThat(events(unknown.get("id"))).containsExactly("claim.rejected");
        // the next event of the stream is applied: nothing stuck behind the rejected one
        claimOf(approved(uncovered, null, "AMLODIPINE-5MG-TAB", "30"));
    }

    @Test
    void twoClaimsOfOnePatientAtOnceNeverUseTheDeductibleOrTheCapTwice() throws Exception {
        String policy = policy();
        for (int round = 0; round < 3; round++) {
            UUID patient = covered(policy);
            CountDownLatch start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(3);
            List<UUID> prescriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
            try {
                var all = List.of(pool.submit(() -> {
                    start.await();
                    prescriptions.add(approved(patient, null, "TIOTROPIUM-18UG-INH", "90"));
                    return null;
                }), pool.submit(() -> {
                    start.await();
                    prescriptions.add(approved(patient, null, "TIOTROPIUM-18UG-INH", "90"));
                    return null;
                }), pool.submit(() -> {
                    start.await();
                    prescriptions.add(approved(patient, null, "EMPAGLIFLOZIN-10MG-TAB", "90"));
                    return null;
                }));
                start.countDown();
                for (var f : all) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long basic = 0;
            long deductible = 0;
            long supplementary = 0;
            for (UUID rx : prescriptions) {
                var c = claimOf(rx);
                basic += (Long) c.get("takes_basic");
                deductible += (Long) c.get("takes_deductible");
                supplementary += (Long) c.get("takes_supplementary");
            }
            assertThat(year(patient)).isEqualTo(Map.of("deductible_used", deductible, "basic_paid", basic, "supplementary_paid", supplementary));
            assertThat(deductible).isEqualTo(20_000L);
            assertThat(basic).isEqualTo(80_000L);
            assertThat(supplementary).isEqualTo(30_000L);
        }
    }

    @Test
    void deliverySettlesOnceAndAVoidGivesTheYearBackExactly() {
        String policy = policy();
        UUID patient = covered(policy);
        UUID first = approved(patient, null, "DAPAGLIFLOZIN-10MG-TAB", "90");
        var settled = claimOf(first);
        UUID second = approved(patient, null, "RIVAROXABAN-20MG-TAB", "30");
        var voided = claimOf(second);
        var before = Map.of("deductible_used", (Long) settled.get("takes_deductible"), "basic_paid", (Long) settled.get("takes_basic"),
                "supplementary_paid", (Long) settled.get("takes_supplementary"));

        UUID order = UUID.randomUUID();
        String delivered = """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"DELIVERED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":"SF1","reason":null}""".formatted(order, first, patient, Instant.now());
        send("pharmacy.orders", order, "order.delivered", delivered);
        send("pharmacy.orders", order, "order.delivered", delivered);
        await().atMost(PATIENCE).until(() -> "SETTLED".equals(claimOf(first).get("status")));

        UUID other = UUID.randomUUID();
        send("pharmacy.orders", other, "order.cancelled", """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"CANCELLED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":null,"reason":"cancelled by the patient"}""".formatted(other, second, patient, Instant.now()));
        await().atMost(PATIENCE).until(() -> "VOIDED".equals(claimOf(second).get("status")));
        assertThat(year(patient)).isEqualTo(before);
        // a late cancellation of the delivered one changes nothing
        send("pharmacy.orders", order, "order.cancelled", """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"CANCELLED","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":null,"reason":"late"}""".formatted(order, first, patient, Instant.now()));
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from inbox_event where type = 'hospital.order.cancelled.v1'") >= 2);
        assertThat(claimOf(first)).containsEntry("status", "SETTLED");
        assertThat(events(settled.get("id"))).containsExactly("claim.adjudicated", "claim.settled");
        assertThat(events(voided.get("id"))).containsExactly("claim.adjudicated", "claim.voided");
    }

    private static void orderEvent(UUID prescription, UUID patient, String status) {
        UUID order = UUID.randomUUID();
        send("pharmacy.orders", order, "order." + status.toLowerCase(), """
                {"orderId":"%s","prescriptionId":"%s","patientId":"%s","status":"%s","at":"%s","patientPays":0,"pharmacyId":null,
                 "trackingNumber":null,"reason":null}""".formatted(order, prescription, patient, status, Instant.now()));
    }

    private static void expire(UUID prescription, UUID patient) {
        send("consultation.prescriptions", prescription, "prescription.expired", """
                {"prescriptionId":"%s","patientId":"%s","expiredAt":"%s"}""".formatted(prescription, patient, Instant.now()));
    }

    @Test
    void anExpiryVoidsAClaimNobodyPaidForButNotOneWhoseOrderIsPaidAndALateDeliveryIsSettledAfterAll() {
        String policy = policy();
        UUID patient = covered(policy);
        UUID unpaid = approved(patient, null, "AMLODIPINE-5MG-TAB", "30");
        UUID paid = approved(patient, null, "SITAGLIPTIN-100MG-TAB", "30");
        claimOf(unpaid);
        claimOf(paid);
        orderEvent(paid, patient, "PAID");
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from claim where prescription_id = ? and order_paid_at is not null",
                paid) == 1);
        long expiries = Database.count("select count(*) from inbox_event where type = 'hospital.prescription.expired.v1'");
        expire(unpaid, patient);
        expire(paid, patient);
        await().atMost(PATIENCE).until(() -> "VOIDED".equals(claimOf(unpaid).get("status")));
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from inbox_event where type = 'hospital.prescription.expired.v1'")
                >= expiries + 2);
        assertThat(claimOf(paid)).containsEntry("status", "ADJUDICATED");
        orderEvent(paid, patient, "DELIVERED");
        await().atMost(PATIENCE).until(() -> "SETTLED".equals(claimOf(paid).get("status")));

        // the expiry was heard before the payment: the claim was voided, and the delivery is flagged, not lost
        UUID overtaken = approved(patient, null, "AMLODIPINE-5MG-TAB", "30");
        var claim = claimOf(overtaken);
        expire(overtaken, patient);
        await().atMost(PATIENCE).until(() -> "VOIDED".equals(claimOf(overtaken).get("status")));
        var yearVoided = year(patient);
        orderEvent(overtaken, patient, "DELIVERED");
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from claim_flag where claim_id = ?::uuid and kind = 'DELIVERED_AFTER_VOID'",
                claim.get("id").toString()) == 1);
        // settled after all: the patient's year takes its share again
        assertThat(claimOf(overtaken)).containsEntry("status", "SETTLED");
        assertThat((Long) year(patient).get("basic_paid")).isEqualTo((Long) yearVoided.get("basic_paid") + (Long) claim.get("takes_basic"));
        assertThat((Long) year(patient).get("deductible_used"))
                .isEqualTo((Long) yearVoided.get("deductible_used") + (Long) claim.get("takes_deductible"));
    }

    @Test
    void badPoliciesCoveragesAndCatalogueItemsAreProblemsAndChangeNothing() {
        String policy = policy();
        UUID patient = covered(policy);
        String before = Database.fingerprint("policy", "coverage", "catalogue_item").toString();
        var operator = given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON);
        operator.body("""
                {"name":"x","deductible":-1,"annualCap":80000,"classBSelfPay":1000,"reimbursement":8000,"validFrom":"2026-01-01","validUntil":"2026-12-31"}""")
                .post("/api/v1/policies").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body("""
                {"name":"x","deductible":0,"annualCap":80000,"classBSelfPay":10001,"reimbursement":8000,"validFrom":"2026-01-01","validUntil":"2026-12-31"}""")
                .post("/api/v1/policies").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON).body("""
                {"name":"x","deductible":0,"annualCap":80000,"classBSelfPay":1000,"reimbursement":8000,"validFrom":"2026-12-31","validUntil":"2026-01-01"}""")
                .post("/api/v1/policies").then().statusCode(400);
        cover(patient, policy, YEAR + "-06-01", YEAR + "-06-30").then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/coverage-overlaps"));
        cover(UUID.randomUUID(), policy, (YEAR - 1) + "-12-01", YEAR + "-01-31").then().statusCode(400);
        cover(UUID.randomUUID(), UUID.randomUUID().toString(), YEAR + "-01-01", YEAR + "-01-31").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":10,\"quantityLimit\":30}").put("/api/v1/catalogue/NO-SUCH-DRUG").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":-10,\"quantityLimit\":30}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"D\",\"unitPrice\":10,\"quantityLimit\":30}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":10,\"quantityLimit\":30}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then().statusCode(403);
        assertThat(Database.fingerprint("policy", "coverage", "catalogue_item").toString()).isEqualTo(before);

        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":15,\"quantityLimit\":90}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then()
                .statusCode(200).body("version", equalTo(1));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":16,\"quantityLimit\":90}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then()
                .statusCode(200).body("version", equalTo(2));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body("{\"catalogueClass\":\"A\",\"unitPrice\":15,\"quantityLimit\":90}").put("/api/v1/catalogue/AMLODIPINE-5MG-TAB").then()
                .statusCode(200).body("version", equalTo(3));
    }

    @Test
    void theShippedCatalogueIsWhatTheMigrationLoaded() {
        var rows = Database.rows("select drug_code, catalogue_class, unit_price, quantity_limit from catalogue_item order by drug_code");
        var shipped = org.ihospital.contracts.ReferenceData.insuranceCatalogue();
        assertThat(rows).hasSize(shipped.size());
        for (var entry : shipped) {
            if (entry.drugCode().equals("AMLODIPINE-5MG-TAB")) {
                continue; // another test of this class changes it through the API
            }
            assertThat(rows).as(entry.drugCode()).contains(Map.of("drug_code", entry.drugCode(), "catalogue_class", entry.catalogueClass(),
                    "unit_price", entry.unitPrice(), "quantity_limit", entry.quantityLimit()));
        }
    }

    @Test
    void aHoldingFlagWaitsForAnAuditorWhoseResolutionReleasesTheClaim() {
        UUID patient = covered(policy());
        var claim = claimOf(approved(patient, null, "AMLODIPINE-5MG-TAB", "120"));   // the catalogue allows 90
        assertThat(claim).containsEntry("status", "ADJUDICATED").containsEntry("held", true);
        var adjudicated = Database.rows("select payload::text as payload from outbox_event where subject = ? and type = 'hospital.claim.adjudicated.v1'",
                claim.get("id").toString());
        assertThat((String) adjudicated.get(0).get("payload")).contains("\"hold\": true");

        given().header("Authorization", Keycloak.bearer("patient-1")).queryParam("flagged", true).get("/api/v1/claims").then().statusCode(403);
        var flagged = given().header("Authorization", Keycloak.bearer("auditor-1")).queryParam("flagged", true).queryParam("limit", 100)
                .get("/api/v1/claims").then().statusCode(200).extract().jsonPath();
        assertThat(flagged.getList("items.id")).contains(claim.get("id").toString());
        String flag = given().header("Authorization", Keycloak.bearer("auditor-1")).get("/api/v1/claims/{id}", claim.get("id")).then()
                .statusCode(200).body("flags[0].kind", equalTo("QUANTITY_OVER_LIMIT")).body("flags[0].severity", equalTo("HOLD"))
                .extract().jsonPath().getString("flags[0].id");

        given().header("Authorization", Keycloak.bearer("auditor-1")).contentType(ContentType.JSON).body("{\"reason\":\" \"}")
                .post("/api/v1/claims/{id}/flags/{flag}/resolve", claim.get("id"), flag).then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("auditor-1")).contentType(ContentType.JSON)
                .body("{\"reason\":\"120 days' supply agreed: the patient travels abroad\"}")
                .post("/api/v1/claims/{id}/flags/{flag}/resolve", claim.get("id"), flag).then().statusCode(200)
                .body("held", equalTo(false)).body("flags[0].resolvedBy", equalTo(Keycloak.subject("auditor-1")));
        given().header("Authorization", Keycloak.bearer("auditor-1")).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post("/api/v1/claims/{id}/flags/{flag}/resolve", claim.get("id"), flag).then().statusCode(409);
        assertThat(events(claim.get("id"))).containsExactly("claim.adjudicated", "claim.released");
    }

    @Test
    void aQuoteShowsTheSplitAndChangesNothing() {
        UUID patient = covered(policy());
        String before = Database.fingerprint("accumulator", "claim").toString();
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body("{\"patientId\":\"" + patient + "\",\"items\":[{\"drugCode\":\"SITAGLIPTIN-100MG-TAB\",\"quantity\":90}]}")
                .post("/api/v1/quotes").then().statusCode(200).body("covered", equalTo(true)).body("total", equalTo(27000))
                .body("basicPays", equalTo(3440));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body("{\"patientId\":\"" + UUID.randomUUID() + "\",\"items\":[{\"drugCode\":\"SITAGLIPTIN-100MG-TAB\",\"quantity\":90}]}")
                .post("/api/v1/quotes").then().statusCode(200).body("covered", equalTo(false)).body("patientPays", equalTo(27000));
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON)
                .body("{\"patientId\":\"" + patient + "\",\"items\":[{\"drugCode\":\"NO-SUCH-DRUG\",\"quantity\":1}]}")
                .post("/api/v1/quotes").then().statusCode(400).body("errors[0].field", equalTo("items"));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"patientId\":\"" + patient + "\",\"items\":[{\"drugCode\":\"SITAGLIPTIN-100MG-TAB\",\"quantity\":90}]}")
                .post("/api/v1/quotes").then().statusCode(403);
        assertThat(Database.fingerprint("accumulator", "claim").toString()).isEqualTo(before);
    }
}
