package org.ihospital.insurance.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.insurance.claim.ClaimFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * insurance's FHIR views over HTTP with real tokens: a covered patient's adjudicated claim as Claim and
 * ClaimResponse, searched and read by the patient and by an auditor, each answer checked by HAPI's
 * validator; another patient finds nothing, bad input is a 400 OperationOutcome.
 */
@QuarkusTest
class ClaimFhirTest {

    private static final String FHIR = "/api/v1/fhir/r4/";
    private static final String FHIR_JSON = "application/fhir+json";
    private static FhirValidation validation;
    private static String account;
    private static UUID patient;
    private static String claim;

    /** Once for the class, once the application runs. */
    @BeforeEach
    void aCoveredPatientsAdjudicatedClaim() {
        if (claim != null) {
            return;
        }
        validation = new FhirValidation();
        patient = ClaimFixtures.covered(ClaimFixtures.policy());
        account = Keycloak.newUser("patient", "patient");
        claim = ClaimFixtures.claimOf(ClaimFixtures.approved(patient, Keycloak.subject(account), "SITAGLIPTIN-100MG-TAB", "90")).get("id").toString();
    }

    private static Response get(String user, String path) {
        return given().header("Authorization", Keycloak.bearer(user)).accept(FHIR_JSON).when().get(FHIR + path);
    }

    @Test
    void thePatientAndAnAuditorSearchAndReadTheClaimAndItsResponse() {
        for (String user : List.of(account, "auditor-1")) {
            for (String type : List.of("Claim", "ClaimResponse")) {
                Response search = get(user, type + "?patient=Patient/" + patient);
                search.then().statusCode(200).contentType(FHIR_JSON).body("type", equalTo("searchset"), "total", equalTo(1),
                        "entry[0].resource.id", equalTo(claim), "entry[0].resource.resourceType", equalTo(type));
                assertThat(validation.errors(search.asString())).as(user + " " + type).isEmpty();
                Response read = get(user, type + "/" + claim);
                read.then().statusCode(200).contentType(FHIR_JSON).body("resourceType", equalTo(type), "patient.reference",
                        equalTo("Patient/" + patient));
                assertThat(validation.errors(read.asString())).as(user + " " + type + "/" + claim).isEmpty();
            }
        }
        // docs/insurance.md's claim C2: 270.00 in all; 34.40 by basic insurance and half the rest (117.80) by the
        // supplementary plan are the benefit; the patient pays 117.80; in CNY, to the fen
        get(account, "Claim/" + claim).then().body("total.value", equalTo(270.00f), "total.currency", equalTo("CNY"));
        get(account, "ClaimResponse/" + claim).then().body("outcome", equalTo("complete"),
                "total.find { it.category.coding[0].code == 'benefit' }.amount.value", equalTo(152.20f),
                "total.find { it.category.coding[0].code == 'copay' }.amount.value", equalTo(117.80f),
                "total.amount.currency", org.hamcrest.Matchers.everyItem(equalTo("CNY")));
    }

    @Test
    void anotherPatientFindsNothing() {
        for (String type : List.of("Claim", "ClaimResponse")) {
            Response read = get("patient-1", type + "/" + claim);
            read.then().statusCode(404).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"),
                    "issue[0].severity", equalTo("error"), "issue[0].code", equalTo("not-found"));
            assertThat(validation.errors(read.asString())).isEmpty();
            get("patient-1", type + "?patient=" + patient).then().statusCode(200).body("total", equalTo(0));
            get("doctor-1", type + "/" + claim).then().statusCode(403).contentType(FHIR_JSON).body("issue[0].code", equalTo("forbidden"));
        }
    }

    @Test
    void badInputIsA400OperationOutcome() {
        for (String path : List.of("Claim/not-a-uuid", "ClaimResponse/42", "Claim", "ClaimResponse?patient=", "Claim?patient=Patient/x")) {
            Response answer = get(account, path);
            answer.then().statusCode(400).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"),
                    "issue[0].code", equalTo("invalid"));
            assertThat(validation.errors(answer.asString())).as(path).isEmpty();
        }
        get(account, "Claim/" + UUID.randomUUID()).then().statusCode(404).contentType(FHIR_JSON).body("issue[0].code", equalTo("not-found"));
        given().accept(FHIR_JSON).when().get(FHIR + "Claim/" + claim).then().statusCode(401);
    }
}
