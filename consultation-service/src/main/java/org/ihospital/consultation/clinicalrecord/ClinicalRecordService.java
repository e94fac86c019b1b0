package org.ihospital.consultation.clinicalrecord;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The clinical record a follow-up builds on: conditions diagnosed elsewhere, allergies and current
 * medication. The care team and operators keep it; the patient
 * reads their own. For anyone else the patient does not exist.
 */
@ApplicationScoped
public class ClinicalRecordService {

    public record ClinicalRecord(List<Condition> conditions, List<Allergy> allergies, List<Medication> medications) {
    }

    public record NewCondition(String icd10, LocalDate diagnosedOn, String source, String note) {
    }

    public record NewMedication(String name, String drugCode, String dosage, LocalDate since) {
    }

    private final ClinicalRecordRepository record;
    private final ClinicalRecordQueries access;
    private final Clock clock;

    public ClinicalRecordService(ClinicalRecordRepository record, ClinicalRecordQueries access, Clock clock) {
        this.record = record;
        this.access = access;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Condition> addCondition(Caller caller, UUID patient, NewCondition c) {
        Condition condition = Condition.record(patient, c.icd10(), c.diagnosedOn(), c.source(), c.note(), caller.subject(),
                clock.instant(), LocalDate.now(clock));
        return access.requireKeeper(caller, patient).chain(() -> record.add(condition)).replaceWith(condition);
    }

    @WithTransaction
    public Uni<Allergy> addAllergy(Caller caller, UUID patient, String substance, String reaction, Allergy.Severity severity) {
        Allergy allergy = Allergy.record(patient, substance, reaction, severity, caller.subject(), clock.instant());
        return access.requireKeeper(caller, patient).chain(() -> record.add(allergy)).replaceWith(allergy);
    }

    @WithTransaction
    public Uni<Medication> addMedication(Caller caller, UUID patient, NewMedication m) {
        Medication medication = Medication.record(patient, m.name(), m.drugCode(), m.dosage(), m.since(), caller.subject(),
                clock.instant());
        return access.requireKeeper(caller, patient).chain(() -> record.add(medication)).replaceWith(medication);
    }

    /** An allergy that no longer applies; kept in the record, no longer active. */
    @WithTransaction
    public Uni<Void> resolveAllergy(Caller caller, UUID patient, UUID id) {
        return access.requireKeeper(caller, patient).chain(() -> record.find(Allergy.class, id))
                .map(a -> {
                    if (a == null || !a.patientId().equals(patient)) {
                        throw new ResourceNotFound("allergy", id);
                    }
                    a.resolve();
                    return a;
                }).replaceWithVoid();
    }

    /** A medicine the patient no longer takes; kept in the record, no longer active. */
    @WithTransaction
    public Uni<Void> stopMedication(Caller caller, UUID patient, UUID id) {
        return access.requireKeeper(caller, patient).chain(() -> record.find(Medication.class, id))
                .map(m -> {
                    if (m == null || !m.patientId().equals(patient)) {
                        throw new ResourceNotFound("medication", id);
                    }
                    m.stop();
                    return m;
                }).replaceWithVoid();
    }

    /** One condition of a patient's record, for those who read the record. */
    @WithTransaction
    public Uni<Condition> condition(Caller caller, UUID id) {
        return access.requireReadable(caller, "condition", id, record.find(Condition.class, id), Condition::patientId);
    }

    @WithTransaction
    public Uni<ClinicalRecord> read(Caller caller, UUID patient) {
        return access.requireReader(caller, patient, "read-record", "patient/" + patient + "/record")
                .chain(() -> record.conditions(patient))
                .chain(conditions -> record.activeAllergies(patient)
                        .chain(allergies -> record.activeMedications(patient)
                                .map(medications -> new ClinicalRecord(conditions, allergies, medications))));
    }
}
