package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Entries of the clinical record as their rules make them, for tests of other packages (the FHIR views). */
public final class ClinicalRecordFixtures {

    private ClinicalRecordFixtures() {
    }

    /** A condition diagnosed elsewhere on {@code diagnosedOn}, recorded the day after. */
    public static Condition condition(UUID patient, String icd10, LocalDate diagnosedOn, String note) {
        Instant recorded = diagnosedOn.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Condition.record(patient, icd10, diagnosedOn, "another hospital, outpatients", note, "doctor-subject", recorded,
                diagnosedOn.plusDays(1));
    }
}
