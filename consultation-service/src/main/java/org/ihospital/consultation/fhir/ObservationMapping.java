package org.ihospital.consultation.fhir;

import java.math.BigDecimal;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.ihospital.consultation.reading.Measurement;
import org.ihospital.consultation.reading.Reading;

/**
 * A reading as a FHIR R4 Observation with its LOINC code and UCUM unit, reported by the patient. Blood
 * pressure (a panel: systolic, diastolic and the pulse when measured) and body weight are vital signs and
 * declare, and keep, R4's vital-signs profiles; glucose (mmol/L, by glucometer, its timing in the text) and
 * HbA1c (%) are laboratory values.
 */
final class ObservationMapping {

    static final String BP_PROFILE = "http://hl7.org/fhir/StructureDefinition/bp";
    static final String WEIGHT_PROFILE = "http://hl7.org/fhir/StructureDefinition/bodyweight";

    private ObservationMapping() {
    }

    static Observation of(Reading r) {
        Observation fhir = new Observation();
        fhir.setId(r.id().toString());
        fhir.setStatus(ObservationStatus.FINAL);
        fhir.setSubject(Codes.patient(r.patientId()));
        fhir.addPerformer(Codes.patient(r.patientId()));
        fhir.setEffective(new DateTimeType(Codes.date(r.measuredAt())));
        Measurement m = r.measurement();
        if (m instanceof Measurement.BloodPressure bp) {
            fhir.getMeta().addProfile(BP_PROFILE);
            fhir.addCategory(category("vital-signs", "Vital Signs"));
            fhir.setCode(Codes.loinc("85354-9", "Blood pressure panel with all children optional"));
            fhir.addComponent().setCode(Codes.loinc("8480-6", "Systolic blood pressure"))
                    .setValue(Codes.ucum(BigDecimal.valueOf(bp.systolic()), "mmHg", "mm[Hg]"));
            fhir.addComponent().setCode(Codes.loinc("8462-4", "Diastolic blood pressure"))
                    .setValue(Codes.ucum(BigDecimal.valueOf(bp.diastolic()), "mmHg", "mm[Hg]"));
            if (bp.pulse() != null) {
                fhir.addComponent().setCode(Codes.loinc("8867-4", "Heart rate"))
                        .setValue(Codes.ucum(BigDecimal.valueOf(bp.pulse()), "beats/minute", "/min"));
            }
        } else if (m instanceof Measurement.Glucose g) {
            fhir.addCategory(category("laboratory", "Laboratory"));
            fhir.setCode(Codes.loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer")
                    .setText("Glucose, " + timing(g.timing()) + " (capillary blood, glucometer)"));
            fhir.setValue(Codes.ucum(g.mmolPerLitre(), "mmol/L", "mmol/L"));
        } else if (m instanceof Measurement.Weight w) {
            fhir.getMeta().addProfile(WEIGHT_PROFILE);
            fhir.addCategory(category("vital-signs", "Vital Signs"));
            fhir.setCode(Codes.loinc("29463-7", "Body weight"));
            fhir.setValue(Codes.ucum(w.kilograms(), "kg", "kg"));
        } else if (m instanceof Measurement.HbA1c h) {
            fhir.addCategory(category("laboratory", "Laboratory"));
            fhir.setCode(Codes.loinc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"));
            fhir.setValue(Codes.ucum(h.percent(), "%", "%"));
        }
        return fhir;
    }

    private static String timing(Measurement.Timing timing) {
        return switch (timing) {
            case FASTING -> "fasting";
            case AFTER_MEAL -> "after a meal";
            case RANDOM -> "random";
        };
    }

    private static CodeableConcept category(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(Codes.OBSERVATION_CATEGORY, code, display));
    }
}
