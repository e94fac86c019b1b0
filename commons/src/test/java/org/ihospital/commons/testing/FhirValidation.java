package org.ihospital.commons.testing;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ihospital.commons.fhir.Fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's instance validator over the R4 core profiles (and the vital-signs profiles they call for), its
 * own code systems and value sets, UCUM and the other common systems. Building one takes seconds: a
 * test class builds it once. There is no terminology server: LOINC, ICD-10 and the hospital's own code
 * systems cannot be looked up, and the validator says so in warnings and information, never errors; a
 * test asserts that a resource has no error (and names, with {@link #warnings}, what it tolerates).
 */
public final class FhirValidation {

    private final FhirValidator validator;

    public FhirValidation() {
        FhirContext context = Fhir.context();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    /** Error and fatal messages about a resource, each as {@code location: message}; empty when it is valid. */
    public List<String> errors(IBaseResource resource) {
        return atLeast(validator.validateWithResult(resource).getMessages(), ResultSeverityEnum.ERROR);
    }

    /** The same for a resource as JSON text, e.g. the body an endpoint answered with. */
    public List<String> errors(String json) {
        return atLeast(validator.validateWithResult(json).getMessages(), ResultSeverityEnum.ERROR);
    }

    /**
     * What a test must not find: every error, and every warning but the two the views accept (ADR 0025): a code
     * of a system that cannot be looked up without a terminology server ({@code unlookable}: LOINC, ICD-10, …),
     * and no narrative (dom-6, a best practice).
     */
    public List<String> findings(IBaseResource resource, String... unlookable) {
        return warnings(resource).stream().filter(w -> !w.contains("dom-6") && java.util.Arrays.stream(unlookable).noneMatch(w::contains))
                .toList();
    }

    /** Warnings (and worse), for a test to print or to hold against what it tolerates. */
    public List<String> warnings(IBaseResource resource) {
        return atLeast(validator.validateWithResult(resource).getMessages(), ResultSeverityEnum.WARNING);
    }

    private static List<String> atLeast(List<SingleValidationMessage> messages, ResultSeverityEnum severity) {
        return messages.stream().filter(m -> m.getSeverity().ordinal() >= severity.ordinal())
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
