package org.ihospital.consultation.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.ihospital.consultation.clinicalrecord.Condition;

/**
 * A condition of the clinical record (diagnosed offline or elsewhere) as a FHIR R4 Condition: a confirmed,
 * active problem-list item with its ICD-10 code, diagnosed on a day, recorded here at an instant. The record
 * keeps no resolution of a condition: a chronic diagnosis stays active.
 */
final class ConditionMapping {

    private ConditionMapping() {
    }

    static org.hl7.fhir.r4.model.Condition of(Condition c) {
        var fhir = new org.hl7.fhir.r4.model.Condition();
        fhir.setId(c.id().toString());
        fhir.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        fhir.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
        fhir.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item"));
        fhir.setCode(Codes.icd10(c.icd10()));
        fhir.setSubject(Codes.patient(c.patientId()));
        fhir.setOnset(new DateTimeType(c.diagnosedOn().toString()));
        fhir.setRecordedDate(Codes.date(c.recordedAt()));
        fhir.addNote().setText("Diagnosed at: " + c.source());
        if (c.note() != null && !c.note().isBlank()) {
            fhir.addNote().setText(c.note());
        }
        return fhir;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }
}
