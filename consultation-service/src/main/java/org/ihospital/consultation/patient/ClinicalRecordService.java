package org.ihospital.consultation.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.NativeQueries;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.audit.AuditTrailRepository;
import org.ihospital.consultation.consult.UnknownIcd10Code;
import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.SqlValues;
import org.ihospital.consultation.infrastructure.Parties;
import org.ihospital.contracts.ReferenceData;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The clinical record a follow-up builds on: conditions diagnosed elsewhere, allergies and current
 * medication. The care team (doctors with an appointment with the patient) and operators edit it; the
 * patient reads their own. For anyone else the patient does not exist.
 */
@ApplicationScoped
public class ClinicalRecordService {

    public record Condition(UUID id, String icd10, LocalDate diagnosedOn, String source, String note) {
    }

    public record Allergy(UUID id, String substance, String reaction, String severity) {
    }

    public record Medication(UUID id, String name, String drugCode, String dosage, LocalDate since) {
    }

    public record Record(List<Condition> conditions, List<Allergy> allergies, List<Medication> medications) {
    }

    private final Parties parties;
    private final AuditTrailRepository audit;
    private final Clock clock;

    public ClinicalRecordService(Parties parties, AuditTrailRepository audit, Clock clock) {
        this.parties = parties;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Condition> addCondition(Caller caller, UUID patient, String icd10, LocalDate diagnosedOn, String source, String note) {
        if (ReferenceData.icd10(icd10).isEmpty()) {
            return Uni.createFrom().failure(new UnknownIcd10Code(icd10));
        }
        if (diagnosedOn.isAfter(LocalDate.now(clock))) {
            return Uni.createFrom().failure(new InvalidField("diagnosedOn", "must not be in the future"));
        }
        Condition condition = new Condition(UUID.randomUUID(), icd10, diagnosedOn, source, note == null ? "" : note);
        return editable(caller, patient).chain(() -> insert("""
                insert into patient_condition (id, patient_id, icd10, diagnosed_on, source, note, recorded_by, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""", condition.id(), patient, icd10, diagnosedOn, source, condition.note(),
                caller.subject(), clock.instant())).replaceWith(condition);
    }

    @WithTransaction
    public Uni<Allergy> addAllergy(Caller caller, UUID patient, String substance, String reaction, String severity) {
        Allergy allergy = new Allergy(UUID.randomUUID(), substance, reaction == null ? "" : reaction, severity);
        return editable(caller, patient).chain(() -> insert("""
                insert into allergy (id, patient_id, substance, reaction, severity, recorded_by, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""", allergy.id(), patient, substance, allergy.reaction(), severity, caller.subject(),
                clock.instant())).replaceWith(allergy);
    }

    @WithTransaction
    public Uni<Medication> addMedication(Caller caller, UUID patient, String name, String drugCode, String dosage, LocalDate since) {
        if (drugCode != null && ReferenceData.drug(drugCode).isEmpty()) {
            return Uni.createFrom().failure(new InvalidField("drugCode", "not a code of the drug dictionary"));
        }
        Medication medication = new Medication(UUID.randomUUID(), name, drugCode, dosage == null ? "" : dosage, since);
        return editable(caller, patient).chain(() -> insert("""
                insert into medication (id, patient_id, name, drug_code, dosage, since, recorded_by, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""", medication.id(), patient, name, drugCode, medication.dosage(), since,
                caller.subject(), clock.instant())).replaceWith(medication);
    }

    /** An allergy or medication that no longer applies; kept in the record, no longer active. */
    @WithTransaction
    public Uni<Void> deactivate(Caller caller, UUID patient, String table, UUID id) {
        if (!table.equals("allergy") && !table.equals("medication")) {
            throw new IllegalArgumentException(table);
        }
        return editable(caller, patient).chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "update " + table + " set active = false where id = ?1 and patient_id = ?2")
                .setParameter(1, id).setParameter(2, patient).executeUpdate()))
                .chain(rows -> rows == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ResourceNotFound(table, id)));
    }

    @WithTransaction
    public Uni<Record> read(Caller caller, UUID patient) {
        return readable(caller, patient)
                .call(() -> audit.staffRead(caller, patient, "read-record", "patient/" + patient + "/record"))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select id, icd10, diagnosed_on, source, note from patient_condition where patient_id = ?1 order by diagnosed_on, id",
                Object[].class).setParameter(1, patient).getResultList()
                .chain(conditions -> s.createNativeQuery(
                        "select id, substance, reaction, severity from allergy where patient_id = ?1 and active order by recorded_at, id",
                        Object[].class).setParameter(1, patient).getResultList()
                        .chain(allergies -> s.createNativeQuery(
                                "select id, name, drug_code, dosage, since from medication where patient_id = ?1 and active order by recorded_at, id",
                                Object[].class).setParameter(1, patient).getResultList()
                                .map(medications -> new Record(
                                        conditions.stream().map(r -> new Condition((UUID) r[0], (String) r[1], SqlValues.date(r[2]), (String) r[3],
                                                (String) r[4])).toList(),
                                        allergies.stream().map(r -> new Allergy((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])).toList(),
                                        medications.stream().map(r -> new Medication((UUID) r[0], (String) r[1], (String) r[2],
                                                (String) r[3], SqlValues.date(r[4]))).toList()))))));
    }

    /** The care team may edit: an operator, or a doctor with an appointment with this patient. */
    private Uni<Void> editable(Caller caller, UUID patient) {
        if (caller.isOperator()) {
            return exists(patient);
        }
        return parties.of(caller).chain(doctor -> careTeam(doctor, patient)).chain(member -> member ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
    }

    /** The patient themself, or the care team. */
    private Uni<Void> readable(Caller caller, UUID patient) {
        if (caller.isPatient()) {
            return parties.of(caller).chain(self -> self.equals(patient) ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
        }
        return editable(caller, patient);
    }

    /** Does this doctor have (or had) an appointment with this patient? */
    public Uni<Boolean> careTeam(UUID doctor, UUID patient) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select count(*) from appointment where doctor_id = ?1 and patient_id = ?2", Long.class)
                .setParameter(1, doctor).setParameter(2, patient).getSingleResult())
                .map(n -> n > 0);
    }

    private Uni<Void> exists(UUID patient) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from patient where id = ?1", Long.class)
                .setParameter(1, patient).getSingleResult())
                .chain(n -> n > 0 ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
    }

    private static Uni<Integer> insert(String sql, Object... params) {
        return Panache.getSession().chain(s -> NativeQueries.bind(s.createNativeQuery(sql), params).executeUpdate());
    }

}
