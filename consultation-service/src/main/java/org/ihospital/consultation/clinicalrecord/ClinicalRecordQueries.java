package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What other packages may ask of a patient's clinical record. Runs in the caller's session. */
@ApplicationScoped
public class ClinicalRecordQueries {

    /** A condition as the follow-up rule weighs it: what, diagnosed when, recorded here when and by whom. */
    public record RecordedCondition(String icd10, LocalDate diagnosedOn, Instant recordedAt, String recordedBy) {
    }

    /** An active allergy as a pharmacist needs it. */
    public record ActiveAllergy(String substance, String severity) {
    }

    private final ClinicalRecordRepository record;

    public ClinicalRecordQueries(ClinicalRecordRepository record) {
        this.record = record;
    }

    public Uni<List<RecordedCondition>> conditionsOf(UUID patient) {
        return record.conditions(patient).map(list -> list.stream()
                .map(c -> new RecordedCondition(c.icd10(), c.diagnosedOn(), c.recordedAt(), c.recordedBy())).toList());
    }

    /** Active allergies, by substance. */
    public Uni<List<ActiveAllergy>> activeAllergiesOf(UUID patient) {
        return record.activeAllergies(patient).map(list -> list.stream()
                .map(a -> new ActiveAllergy(a.substance(), a.severity().name()))
                .sorted(java.util.Comparator.comparing(ActiveAllergy::substance)).toList());
    }
}
