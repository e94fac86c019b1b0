package org.ihospital.consultation.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.ihospital.consultation.prescription.PrescriptionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * consultation's FHIR views over HTTP, on the real database with real tokens: a follow-up patient's visit,
 * consultation, recorded condition, prescription, readings and care plan, searched and read as the patient
 * and as the care team, every answer checked by HAPI's validator; others find nothing (404
 * OperationOutcome), bad input is a 400 OperationOutcome.
 */
@QuarkusTest
class ConsultationFhirTest {

    private static final String FHIR = "/api/v1/fhir/r4/";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final List<String> TYPES = List.of("Appointment", "Encounter", "Condition", "MedicationRequest", "Observation", "CarePlan");
    private static FhirValidation validation;
    private static String account;
    private static UUID patient;

    /** Once for the class, once the application runs (a static @BeforeAll would run before it listens). */
    @BeforeEach
    void aFollowUpPatientWithEveryKindOfRecord() {
        if (account != null) {
            return;
        }
        validation = new FhirValidation();
        account = PrescriptionTest.freshPatient();
        UUID consultation = PrescriptionTest.followUp(account, "I10");
        patient = PrescriptionTest.patientOf(consultation);
        PrescriptionTest.issue(PrescriptionTest.prescription(consultation, PrescriptionTest.item("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30)))
                .statusCode(201);
        Instant at = Instant.now().minusSeconds(3600);
        given().header("Authorization", Keycloak.bearer(account)).contentType(ContentType.JSON)
                .body(Map.of("readings", List.of(
                        Map.of("kind", "BLOOD_PRESSURE", "unit", "mmHg", "systolic", 148, "diastolic", 92, "pulse", 76, "measuredAt", at.toString()),
                        Map.of("kind", "GLUCOSE", "unit", "mmol/L", "value", 6.4, "timing", "FASTING", "measuredAt", at.toString()),
                        Map.of("kind", "WEIGHT", "unit", "kg", "value", 71.5, "measuredAt", at.toString()),
                        Map.of("kind", "HBA1C", "unit", "%", "value", 6.9, "measuredAt", at.toString()))))
                .when().post("/api/v1/patients/" + patient + "/readings").then().statusCode(201);
        given().header("Authorization", Keycloak.bearer("doctor-1")).contentType(ContentType.JSON).body(Map.of(
                "targets", Map.of("systolicBelow", 140, "diastolicBelow", 90, "fastingFrom", 4.4, "fastingTo", 7.0, "afterMealBelow", 10.0,
                        "hba1cBelow", 7.0),
                "critical", Map.of("systolic", 180, "diastolic", 110, "glucoseLow", 3.0, "glucoseHigh", 16.7),
                "consecutiveAbove", 3, "readingsEveryDays", 2, "followUpEveryDays", 90,
                "careTeam", List.of(Clinic.doctor("doctor-1").toString())))
                .when().put("/api/v1/patients/" + patient + "/care-plans/HYPERTENSION").then().statusCode(201);
    }

    private static Response get(String user, String path) {
        return given().header("Authorization", Keycloak.bearer(user)).accept(FHIR_JSON).when().get(FHIR + path);
    }

    /** The ids of a patient's resources of each type, found by searching as {@code user}; every answer valid. */
    private static Map<String, List<String>> searchEverything(String user, String patientParameter) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String type : TYPES) {
            Response search = get(user, type + "?patient=" + patientParameter);
            search.then().statusCode(200).contentType(FHIR_JSON).body("resourceType", equalTo("Bundle"), "type", equalTo("searchset"));
            assertThat(validation.errors(search.asString())).as(user + " searching " + type).isEmpty();
            JsonPath bundle = search.jsonPath();
            assertThat(bundle.getList("entry.resource.resourceType", String.class)).as(type).isNotEmpty().containsOnly(type);
            assertThat(bundle.getInt("total")).isEqualTo(bundle.getList("entry").size());
            assertThat(bundle.getList("entry.fullUrl", String.class)).allMatch(url -> url.startsWith("http") && url.contains(FHIR + type + "/"));
            ids.put(type, bundle.getList("entry.resource.id", String.class));
        }
        return ids;
    }

    @Test
    void thePatientSearchesAndReadsEveryViewAndEachIsValid() {
        Map<String, List<String>> ids = searchEverything(account, patient.toString());
        assertThat(ids.get("Observation")).hasSize(4);
        assertThat(searchEverything(account, "Patient/" + patient)).isEqualTo(ids);
        for (var type : ids.entrySet()) {
            for (String id : type.getValue()) {
                Response read = get(account, type.getKey() + "/" + id);
                read.then().statusCode(200).contentType(FHIR_JSON).body("resourceType", equalTo(type.getKey()), "id", equalTo(id));
                assertThat(validation.errors(read.asString())).as(type.getKey() + "/" + id).isEmpty();
            }
        }
        String observation = ids.get("Observation").get(0);
        given().header("Authorization", Keycloak.bearer(account)).accept("application/json").when().get(FHIR + "Observation/" + observation)
                .then().statusCode(200).contentType("application/json").body("resourceType", equalTo("Observation"));
    }

    @Test
    void theCareTeamReadsTheRecordAndIsAudited() {
        Map<String, List<String>> ids = searchEverything("doctor-1", patient.toString());
        String condition = ids.get("Condition").get(0);
        get("doctor-1", "Condition/" + condition).then().statusCode(200);
        assertThat(Database.count("select count(*) from audit_event where patient_id = ? and action = ? and resource = ?", patient,
                "read-condition", "condition/" + condition)).isEqualTo(1);
        // a pharmacist reads a prescription as natively, and nothing a pharmacist may not
        get("pharmacist-1", "MedicationRequest/" + ids.get("MedicationRequest").get(0)).then().statusCode(200);
        get("pharmacist-1", "Appointment/" + ids.get("Appointment").get(0)).then().statusCode(403).contentType(FHIR_JSON)
                .body("resourceType", equalTo("OperationOutcome"), "issue[0].code", equalTo("forbidden"));
    }

    @Test
    void anotherPatientOrDoctorFindsNothing() {
        Map<String, List<String>> ids = searchEverything(account, patient.toString());
        List<String> refused = new ArrayList<>();
        for (String user : List.of("patient-2", "doctor-2")) {
            for (var type : ids.entrySet()) {
                Response read = get(user, type.getKey() + "/" + type.getValue().get(0));
                read.then().statusCode(404).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"),
                        "issue[0].severity", equalTo("error"), "issue[0].code", equalTo("not-found"));
                assertThat(validation.errors(read.asString())).isEmpty();
                assertThat(read.asString()).doesNotContain(patient.toString());
                refused.add(user + " " + type.getKey());
            }
        }
        assertThat(refused).hasSize(2 * TYPES.size());
        // another patient's search is refused as their record would be; another doctor sees none of the visits they did not hold
        for (String type : TYPES) {
            get("patient-2", type + "?patient=" + patient).then().statusCode(404).contentType(FHIR_JSON)
                    .body("issue[0].code", equalTo("not-found"));
        }
        Clinic.doctor("doctor-2");
        for (String type : List.of("Appointment", "Encounter", "MedicationRequest")) {
            get("doctor-2", type + "?patient=" + patient).then().statusCode(200).body("total", equalTo(0));
        }
        for (String type : List.of("Condition", "Observation", "CarePlan")) {
            get("doctor-2", type + "?patient=" + patient).then().statusCode(404).body("issue[0].code", equalTo("not-found"));
        }
    }

    @Test
    void badInputIsA400OperationOutcomeAndOtherPathsKeepProblemDetails() {
        for (String path : List.of("Appointment/not-a-uuid", "Observation/42", "MedicationRequest/abc", "MedicationRequest/" + UUID.randomUUID(),
                "Condition", "CarePlan?patient=", "Encounter?patient=Practitioner/" + UUID.randomUUID(), "Appointment?patient=12")) {
            Response answer = get(account, path);
            answer.then().statusCode(400).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"),
                    "issue[0].severity", equalTo("error"), "issue[0].code", equalTo("invalid"));
            assertThat(validation.errors(answer.asString())).as(path).isEmpty();
        }
        get(account, "Patient/" + patient).then().statusCode(404).contentType(FHIR_JSON).body("issue[0].code", equalTo("not-found"));
        get(account, "Appointment/" + UUID.randomUUID()).then().statusCode(404).contentType(FHIR_JSON);
        given().accept(FHIR_JSON).when().get(FHIR + "Appointment?patient=" + patient).then().statusCode(401);
        given().header("Authorization", Keycloak.bearer(account)).when().get("/api/v1/appointments/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
