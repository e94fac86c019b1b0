package org.ihospital.consultation.careplan;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.appointment.AppointmentQueries;
import org.ihospital.consultation.audit.AuditService;
import org.ihospital.consultation.party.Party;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.patient.PatientQueries;
import org.ihospital.consultation.reading.PatientTargets;
import org.ihospital.consultation.reading.ReadingTrend;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Care plans: set by an operator or a doctor of the patient's care team (a visit booked or held), read by
 * the patient too; their targets are what the patient's readings are held against.
 */
@ApplicationScoped
public class CarePlanService implements PatientTargets {

    private final CarePlanRepository plans;
    private final PartyService parties;
    private final PatientQueries patients;
    private final AppointmentQueries appointments;
    private final AuditService audit;
    private final Clock clock;

    public CarePlanService(CarePlanRepository plans, PartyService parties, PatientQueries patients, AppointmentQueries appointments,
            AuditService audit, Clock clock) {
        this.plans = plans;
        this.parties = parties;
        this.patients = patients;
        this.appointments = appointments;
        this.audit = audit;
        this.clock = clock;
    }

    /** The plan for the condition, made or changed; {@code created} says which. */
    public record Saved(CarePlan plan, boolean created) {
    }

    @WithTransaction
    public Uni<Saved> set(Caller caller, UUID patient, CarePlan.Condition condition, CarePlan.Terms terms) {
        return keeper(caller, patient).chain(() -> plans.find(patient, condition)).chain(existing -> {
            if (existing != null) {
                existing.change(terms, caller.subject(), clock.instant());
                return plans.flush().replaceWith(new Saved(existing, false));
            }
            CarePlan plan = CarePlan.start(patient, condition, terms, caller.subject(), clock.instant());
            return plans.add(plan).replaceWith(new Saved(plan, true));
        }).onFailure(e -> Constraints.violated(e, "care_plan_patient_id_condition_key") || e instanceof org.hibernate.StaleObjectStateException
                || e instanceof jakarta.persistence.OptimisticLockException)
                .transform(e -> new CarePlanProblems.PlanChangedMeanwhile());
    }

    @WithTransaction
    public Uni<List<CarePlan>> of(Caller caller, UUID patient) {
        return parties.of(caller).chain(party -> reader(caller, party, patient)).chain(() -> plans.ofPatient(patient));
    }

    /** The care plans' targets, the guideline's for what no plan covers (blood pressure from hypertension, glucose and HbA1c from diabetes). */
    @Override
    public Uni<ReadingTrend.Targets> of(UUID patient) {
        return plans.ofPatient(patient).map(found -> {
            ReadingTrend.Targets t = ReadingTrend.Targets.guideline();
            for (CarePlan p : found) {
                ReadingTrend.Targets own = p.targets();
                t = p.condition() == CarePlan.Condition.HYPERTENSION
                        ? new ReadingTrend.Targets(own.systolicBelow(), own.diastolicBelow(), t.fastingFrom(), t.fastingTo(), t.afterMealBelow(),
                                t.hba1cBelow())
                        : new ReadingTrend.Targets(t.systolicBelow(), t.diastolicBelow(), own.fastingFrom(), own.fastingTo(), own.afterMealBelow(),
                                own.hba1cBelow());
            }
            return t;
        });
    }

    /** Who keeps plans: an operator, or a doctor of the patient's care team. */
    Uni<Void> keeper(Caller caller, UUID patient) {
        if (caller.isOperator()) {
            return exists(patient);
        }
        return parties.doctorOrNobody(caller).chain(doctor -> onCareTeam(doctor, patient));
    }

    /** Who reads them: the patient, or a keeper (staff reads audited). */
    Uni<Void> reader(Caller caller, Party party, UUID patient) {
        if (party.isPatient(patient)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> allowed = caller.isOperator() ? exists(patient)
                : party.doctorId() == null ? Uni.createFrom().failure(new ResourceNotFound("patient", patient)) : onCareTeam(party.doctorId(), patient);
        return allowed.call(() -> audit.staffRead(caller, party, patient, "read-care-plans", "patient/" + patient + "/care-plans"));
    }

    private Uni<Void> onCareTeam(UUID doctor, UUID patient) {
        return appointments.careTeamOf(patient).chain(team -> team.contains(doctor) ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
    }

    private Uni<Void> exists(UUID patient) {
        return patients.find(patient).chain(found -> found.isPresent() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFound("patient", patient)));
    }
}
