package org.ihospital.consultation.fhir;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.UUID;

import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanIntent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.ihospital.consultation.careplan.CarePlan;

/**
 * A care plan as a FHIR R4 CarePlan: active, for the chronic condition it addresses; its care team and its
 * targets as contained CareTeam and Goal (they exist only as parts of the plan), the readings due and the
 * follow-up visits as scheduled activities, the alert thresholds as a note.
 */
final class CarePlanMapping {

    private CarePlanMapping() {
    }

    static org.hl7.fhir.r4.model.CarePlan of(CarePlan p) {
        var fhir = new org.hl7.fhir.r4.model.CarePlan();
        fhir.setId(p.id().toString());
        fhir.getMeta().setLastUpdated(Codes.date(p.updatedAt()));
        fhir.setStatus(CarePlanStatus.ACTIVE);
        fhir.setIntent(CarePlanIntent.PLAN);
        fhir.addCategory().setText("Chronic disease management");
        boolean hypertension = p.condition() == CarePlan.Condition.HYPERTENSION;
        fhir.setTitle((hypertension ? "Hypertension" : "Type 2 diabetes") + " care plan");
        fhir.setSubject(Codes.patient(p.patientId()));
        fhir.addAddresses(new Reference().setType("Condition").setDisplay(hypertension
                ? "Essential (primary) hypertension (ICD-10 I10)" : "Type 2 diabetes mellitus (ICD-10 E11)"));
        fhir.addContained(careTeam(p));
        fhir.addCareTeam(new Reference("#care-team"));
        fhir.addContained(hypertension ? pressureGoal(p) : glucoseGoal(p));
        fhir.addGoal(new Reference("#targets"));
        activity(fhir, hypertension ? "Report blood pressure readings" : "Report glucose readings", null, p.readingsEveryDays(),
                CarePlanActivityStatus.INPROGRESS);
        activity(fhir, "Follow-up visit", CarePlanActivityKind.APPOINTMENT, p.followUpEveryDays(), CarePlanActivityStatus.SCHEDULED);
        var critical = p.critical();
        fhir.addNote().setText((hypertension
                ? "A reading at or above " + critical.systolic() + "/" + critical.diastolic() + " mmHg"
                : "A glucose below " + plain(critical.glucoseLow()) + " or from " + plain(critical.glucoseHigh()) + " mmol/L")
                + " alerts the care team at once; so do " + p.consecutiveAbove() + " readings in a row outside the target.");
        return fhir;
    }

    private static CareTeam careTeam(CarePlan p) {
        CareTeam team = new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE).setSubject(Codes.patient(p.patientId()));
        team.setId("care-team");
        p.careTeam().stream().sorted(Comparator.comparing(UUID::toString))
                .forEach(doctor -> team.addParticipant().setMember(Codes.practitioner(doctor)));
        return team;
    }

    private static Goal pressureGoal(CarePlan p) {
        var t = p.targets();
        Goal goal = goal(p, "Blood pressure below " + t.systolicBelow() + "/" + t.diastolicBelow() + " mmHg");
        goal.addTarget().setMeasure(Codes.loinc("8480-6", "Systolic blood pressure"))
                .setDetail(below(BigDecimal.valueOf(t.systolicBelow()), "mmHg", "mm[Hg]"));
        goal.addTarget().setMeasure(Codes.loinc("8462-4", "Diastolic blood pressure"))
                .setDetail(below(BigDecimal.valueOf(t.diastolicBelow()), "mmHg", "mm[Hg]"));
        return goal;
    }

    private static Goal glucoseGoal(CarePlan p) {
        var t = p.targets();
        Goal goal = goal(p, "Fasting glucose " + plain(t.fastingFrom()) + "-" + plain(t.fastingTo()) + " mmol/L, after a meal below "
                + plain(t.afterMealBelow()) + " mmol/L, HbA1c below " + plain(t.hba1cBelow()) + " %");
        goal.addTarget().setMeasure(Codes.loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer")
                .setText("Glucose, fasting")).setDetail(new Range().setLow(Codes.ucum(t.fastingFrom(), "mmol/L", "mmol/L"))
                        .setHigh(Codes.ucum(t.fastingTo(), "mmol/L", "mmol/L")));
        goal.addTarget().setMeasure(Codes.loinc("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer")
                .setText("Glucose, after a meal")).setDetail(below(t.afterMealBelow(), "mmol/L", "mmol/L"));
        goal.addTarget().setMeasure(Codes.loinc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"))
                .setDetail(below(t.hba1cBelow(), "%", "%"));
        return goal;
    }

    private static Goal goal(CarePlan p, String description) {
        Goal goal = new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE)
                .setDescription(new CodeableConcept().setText(description)).setSubject(Codes.patient(p.patientId()));
        goal.setId("targets");
        return goal;
    }

    private static Quantity below(BigDecimal value, String unit, String ucum) {
        return Codes.ucum(value, unit, ucum).setComparator(Quantity.QuantityComparator.LESS_THAN);
    }

    private static void activity(org.hl7.fhir.r4.model.CarePlan fhir, String what, CarePlanActivityKind kind, int everyDays,
            CarePlanActivityStatus status) {
        var detail = fhir.addActivity().getDetail().setCode(new CodeableConcept().setText(what)).setStatus(status);
        if (kind != null) {
            detail.setKind(kind);
        }
        detail.setScheduled(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(1).setPeriod(everyDays)
                .setPeriodUnit(Timing.UnitsOfTime.D)));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
