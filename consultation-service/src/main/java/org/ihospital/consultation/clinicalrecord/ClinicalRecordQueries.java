package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.appointment.AppointmentQueries;
import org.ihospital.consultation.audit.AuditService;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.patient.PatientQueries;

import io.smallrye.mutiny.Uni;

/**
 * What other packages may ask of a patient's clinical record, and who may see or keep what goes with it
 * (the record, readings, care plans): the same people for all of them. Runs in the caller's session.
 */
@ApplicationScoped
public class ClinicalRecordQueries {

    /** A condition as the follow-up rule weighs it: what, diagnosed when, recorded here when and by whom. */
    public record RecordedCondition(String icd10, LocalDate diagnosedOn, Instant recordedAt, String recordedBy) {
    }

    /** An active allergy as a pharmacist needs it. */
    public record ActiveAllergy(String substance, String severity) {
    }

    private final ClinicalRecordRepository record;
    private final PartyService parties;
    private final PatientQueries patients;
    private final AppointmentQueries appointments;
    private final AuditService audit;

    public ClinicalRecordQueries(ClinicalRecordRepository record, PartyService parties, PatientQueries patients,
            AppointmentQueries appointments, AuditService audit) {
        this.record = record;
        this.parties = parties;
        this.patients = patients;
        this.appointments = appointments;
        this.audit = audit;
    }

    /**
     * The caller keeps the patient's record and plans: an operator, or a doctor of the patient's care team
     * ({@link AppointmentQueries#careTeamOf}). For anyone else the patient does not exist (404).
     */
    public Uni<Void> requireKeeper(Caller caller, UUID patient) {
        if (caller.isOperator()) {
            return exists(patient);
        }
        return parties.doctorOrNobody(caller).chain(doctor -> onCareTeam(doctor, patient));
    }

    /**
     * The caller reads them: the patient themself, or a keeper; a staff read is audited as {@code action} on
     * {@code resource}. For anyone else the patient does not exist (404).
     */
    public Uni<Void> requireReader(Caller caller, UUID patient, String action, String resource) {
        return parties.of(caller).chain(party -> {
            if (party.isPatient(patient)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> allowed = caller.isOperator() ? exists(patient) : onCareTeam(party.doctorId(), patient);
            return allowed.call(() -> audit.staffRead(caller, party, patient, action, resource));
        });
    }

    /**
     * One entry of what goes with a patient's record (a condition, a reading, a care plan), looked up by id,
     * for a reader ({@link #requireReader}, audited as {@code read-<what>}). Absent or not the caller's, the
     * entry does not exist: the 404 names the entry, never its patient.
     */
    public <T> Uni<T> requireReadable(Caller caller, String what, UUID id, Uni<T> lookup, Function<T, UUID> patientOf) {
        return lookup.chain(found -> found == null ? Uni.createFrom().<T> failure(new ResourceNotFound(what, id))
                : requireReader(caller, patientOf.apply(found), "read-" + what, what + "/" + id).replaceWith(found))
                .onFailure(ResourceNotFound.class).transform(e -> new ResourceNotFound(what, id));
    }

    private Uni<Void> onCareTeam(UUID doctor, UUID patient) {
        return appointments.careTeamOf(patient).chain(team -> team.contains(doctor) ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
    }

    private Uni<Void> exists(UUID patient) {
        return patients.find(patient).chain(found -> found.isPresent() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
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
