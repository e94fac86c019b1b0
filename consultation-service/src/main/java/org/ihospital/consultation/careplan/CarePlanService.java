package org.ihospital.consultation.careplan;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordQueries;
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
    private final ClinicalRecordQueries access;
    private final Clock clock;

    public CarePlanService(CarePlanRepository plans, ClinicalRecordQueries access, Clock clock) {
        this.plans = plans;
        this.access = access;
        this.clock = clock;
    }

    /** The plan for the condition, made or changed; {@code created} says which. */
    public record Saved(CarePlan plan, boolean created) {
    }

    @WithTransaction
    public Uni<Saved> set(Caller caller, UUID patient, CarePlan.Condition condition, CarePlan.Terms terms) {
        return access.requireKeeper(caller, patient).chain(() -> plans.find(patient, condition)).chain(existing -> {
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
        return access.requireReader(caller, patient, "read-care-plans", "patient/" + patient + "/care-plans")
                .chain(() -> plans.ofPatient(patient));
    }

    /** One care plan, for those who read the patient's plans. */
    @WithTransaction
    public Uni<CarePlan> get(Caller caller, UUID id) {
        return access.requireReadable(caller, "care-plan", id, plans.plan(id), CarePlan::patientId);
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
}
