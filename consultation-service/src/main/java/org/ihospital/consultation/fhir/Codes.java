package org.ihospital.consultation.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.contracts.ReferenceData;

/** What the consultation views say alike: references to people, ICD-10 and LOINC codes, UCUM quantities, times. */
final class Codes {

    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private Codes() {
    }

    static Reference patient(UUID id) {
        return new Reference(Fhir.reference("Patient", id));
    }

    static Reference practitioner(UUID id) {
        return new Reference(Fhir.reference("Practitioner", id));
    }

    /** An ICD-10 code of the hospital's list, with its English title as display and text. */
    static CodeableConcept icd10(String code) {
        String title = ReferenceData.icd10(code).map(ReferenceData.Icd10::titleEn).orElse(null);
        return new CodeableConcept().addCoding(new Coding(Fhir.ICD_10, code, title)).setText(title == null ? code : title);
    }

    static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(Fhir.LOINC, code, display)).setText(display);
    }

    /** A quantity in a UCUM unit: {@code unit} as people write it, {@code ucum} as UCUM codes it. */
    static Quantity ucum(BigDecimal value, String unit, String ucum) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(Fhir.UCUM).setCode(ucum);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
