package org.ihospital.pharmacy.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.pharmacy.review.IssuedPrescriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * pharmacy's FHIR view over HTTP with real tokens: a patient's order as MedicationDispenses, read and searched
 * by the patient and an operator, each answer checked by HAPI's validator; another patient finds nothing,
 * bad input is a 400 OperationOutcome, a pharmacist may not read it (as GET /orders/{id}).
 */
@QuarkusTest
class MedicationDispenseFhirTest {

    private static final String FHIR = "/api/v1/fhir/r4/";
    private static final String FHIR_JSON = "application/fhir+json";
    private static FhirValidation validation;
    private static OrderFixtures.Approved approved;
    private static UUID order;

    /** Once for the class, once the application runs. */
    @BeforeEach
    void aPlacedOrder() {
        if (order != null) {
            return;
        }
        validation = new FhirValidation();
        approved = OrderFixtures.priced(600, IssuedPrescriptions.amlodipine());
        order = OrderFixtures.placed(approved);
    }

    private static Response get(String user, String path) {
        return given().header("Authorization", Keycloak.bearer(user)).accept(FHIR_JSON).when().get(FHIR + path);
    }

    @Test
    void thePatientAndAnOperatorReadAndSearchTheOrdersLines() {
        for (String user : new String[] { approved.patient(), "operator-1" }) {
            Response read = get(user, "MedicationDispense/" + order + "-1");
            read.then().statusCode(200).contentType(FHIR_JSON).body("resourceType", equalTo("MedicationDispense"),
                    "status", equalTo("preparation"), "subject.reference", equalTo("Patient/" + approved.patientId()),
                    "authorizingPrescription[0].reference", equalTo("MedicationRequest/" + approved.prescriptionId() + "-1"));
            assertThat(validation.errors(read.asString())).as(user).isEmpty();
            assertThat(read.asString()).doesNotContain("王小明", "13800000001");
            Response search = get(user, "MedicationDispense?patient=Patient/" + approved.patientId());
            search.then().statusCode(200).contentType(FHIR_JSON).body("type", equalTo("searchset"), "total", equalTo(1),
                    "entry[0].resource.id", equalTo(order + "-1"));
            assertThat(validation.errors(search.asString())).as(user).isEmpty();
        }
    }

    @Test
    void anotherPatientFindsNothingAndBadInputIsRefused() {
        Response read = get("patient-1", "MedicationDispense/" + order + "-1");
        read.then().statusCode(404).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"), "issue[0].code", equalTo("not-found"));
        assertThat(validation.errors(read.asString())).isEmpty();
        get("patient-1", "MedicationDispense?patient=" + approved.patientId()).then().statusCode(200).body("total", equalTo(0));
        get(approved.patient(), "MedicationDispense/" + order + "-9").then().statusCode(404);
        get(approved.patient(), "MedicationDispense/not-an-id").then().statusCode(400).contentType(FHIR_JSON)
                .body("resourceType", equalTo("OperationOutcome"), "issue[0].code", equalTo("invalid"));
        get(approved.patient(), "MedicationDispense").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        get("pharmacist-1", "MedicationDispense/" + order + "-1").then().statusCode(403);
    }
}
