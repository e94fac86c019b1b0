package org.ihospital.commons.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.testing.FhirValidation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared FHIR mechanics, each answer checked by HAPI's validator. */
class FhirMechanicsTest {

    private static FhirValidation validation;

    @BeforeAll
    static void validator() {
        validation = new FhirValidation();
    }

    @Test
    void aProblemBecomesAnOperationOutcomeWhoseIssueCodeFollowsTheStatus() {
        OperationOutcome outcome = OperationOutcomes.of(Problem.of("not-found", 404, "Resource not found", "claim 1 does not exist"));
        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getCode()).isEqualTo(IssueType.NOTFOUND);
            assertThat(issue.getDiagnostics()).isEqualTo("claim 1 does not exist");
            assertThat(issue.getDetails().getText()).isEqualTo("Resource not found");
        });
        assertThat(validation.errors(outcome)).isEmpty();
    }

    @Test
    void eachFieldAtFaultIsAnIssueOfItsOwn() {
        Problem problem = Problem.of("validation", 400, "Invalid request", "The request has invalid fields")
                .withErrors(List.of(new Problem.FieldError("patient", "must be a UUID"), new Problem.FieldError("id", "must be a UUID")));
        OperationOutcome outcome = OperationOutcomes.of(problem);
        assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .containsExactly("patient: must be a UUID", "id: must be a UUID");
        assertThat(outcome.getIssue()).allSatisfy(issue -> assertThat(issue.getCode()).isEqualTo(IssueType.INVALID));
        assertThat(validation.errors(outcome)).isEmpty();
    }

    @Test
    void theStatusesAServerAnswersWithHaveTheirIssueTypes() {
        assertThat(OperationOutcomes.codeOf(400)).isEqualTo(IssueType.INVALID);
        assertThat(OperationOutcomes.codeOf(401)).isEqualTo(IssueType.LOGIN);
        assertThat(OperationOutcomes.codeOf(403)).isEqualTo(IssueType.FORBIDDEN);
        assertThat(OperationOutcomes.codeOf(406)).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(OperationOutcomes.codeOf(422)).isEqualTo(IssueType.BUSINESSRULE);
        assertThat(OperationOutcomes.codeOf(500)).isEqualTo(IssueType.EXCEPTION);
    }

    @Test
    void onlyTheFhirPathsSpeakOperationOutcome() {
        OperationOutcomes dialect = new OperationOutcomes();
        assertThat(dialect.speaks("/api/v1/fhir/r4/Claim/1")).isTrue();
        assertThat(dialect.speaks("api/v1/fhir/r4/Claim")).isTrue();
        assertThat(dialect.speaks("/api/v1/claims/1")).isFalse();
        assertThat(dialect.speaks("/api/v1/fhirish")).isFalse();
        assertThat(dialect.mediaType()).isEqualTo("application/fhir+json");
        assertThat(dialect.render(Problem.of("forbidden", 403, "Forbidden", "Your role does not allow this")))
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"forbidden\"");
    }

    @Test
    void aSearchsetListsEveryMatchWithItsFullUrl() {
        Organization a = new Organization().setName("A");
        a.setId("a1");
        Organization b = new Organization().setName("B");
        b.setId("b2");
        Bundle bundle = SearchBundle.of(URI.create("http://host/api/v1/fhir/r4/Organization?patient=x"), "http://host/api/v1/fhir/r4",
                List.of(a, b));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(2);
        assertThat(bundle.getLink("self").getUrl()).isEqualTo("http://host/api/v1/fhir/r4/Organization?patient=x");
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl)
                .containsExactly("http://host/api/v1/fhir/r4/Organization/a1", "http://host/api/v1/fhir/r4/Organization/b2");
        assertThat(validation.errors(bundle)).isEmpty();
        assertThat(validation.errors(SearchBundle.of(URI.create("http://host/x"), "http://host/api/v1/fhir/r4/", List.of()))).isEmpty();
    }

    @Test
    void thePatientOfASearchIsAnIdOrAReference() {
        UUID id = UUID.randomUUID();
        assertThat(PatientSearch.patient(id.toString())).isEqualTo(id);
        assertThat(PatientSearch.patient("Patient/" + id)).isEqualTo(id);
        for (String wrong : new String[] { null, "", "42", "Practitioner/" + id, "Patient/", id + "x" }) {
            assertThatThrownBy(() -> PatientSearch.patient(wrong)).as(String.valueOf(wrong)).isInstanceOf(InvalidField.class)
                    .satisfies(e -> assertThat(((InvalidField) e).status()).isEqualTo(400));
        }
    }

    @Test
    void theWriterWritesFhirJsonWithHapisParser() throws Exception {
        Organization org = new Organization().setName("医院");
        org.setId("o1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FhirJsonWriter writer = new FhirJsonWriter();
        assertThat(writer.isWriteable(Organization.class, Organization.class, new java.lang.annotation.Annotation[0], null)).isTrue();
        assertThat(writer.isWriteable(String.class, String.class, new java.lang.annotation.Annotation[0], null)).isFalse();
        writer.writeTo(org, Organization.class, Organization.class, new java.lang.annotation.Annotation[0], null, null, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"resourceType\":\"Organization\",\"id\":\"o1\",\"name\":\"医院\"}");
    }
}
