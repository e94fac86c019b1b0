package org.ihospital.consultation.careplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.consultation.reading.Measurement;
import org.ihospital.consultation.reading.ReadingTrend;

/**
 * How a chronic patient is kept well between visits, per condition: the targets their readings are held
 * against, when a reading is critical, how many readings above target in a row call the care team, how often
 * readings are due and visits too, and the care team (doctors) whose queue the alerts reach.
 */
@Entity
@Table(name = "care_plan")
public class CarePlan {

    /** The chronic conditions the hospital manages with a plan, and the reading each is watched by. */
    public enum Condition {
        HYPERTENSION(Measurement.Kind.BLOOD_PRESSURE), TYPE2_DIABETES(Measurement.Kind.GLUCOSE);

        private final Measurement.Kind watched;

        Condition(Measurement.Kind watched) {
            this.watched = watched;
        }

        public Measurement.Kind watched() {
            return watched;
        }
    }

    /** The alert thresholds: a reading past them calls the care team at once. */
    public record Critical(int systolic, int diastolic, BigDecimal glucoseLow, BigDecimal glucoseHigh) {
        /** Hypertensive crisis (180/110 mmHg), level-2 hypoglycaemia (below 3.0 mmol/L), severe hyperglycaemia (16.7 and up). */
        public static Critical guideline() {
            return new Critical(180, 110, new BigDecimal("3.0"), new BigDecimal("16.7"));
        }
    }

    /** What a doctor or operator sets. */
    public record Terms(ReadingTrend.Targets targets, Critical critical, int consecutiveAbove, int readingsEveryDays, int followUpEveryDays,
            Set<UUID> careTeam) {
    }

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    @Enumerated(EnumType.STRING)
    private Condition condition;
    @Column(name = "systolic_below")
    private int systolicBelow;
    @Column(name = "diastolic_below")
    private int diastolicBelow;
    @Column(name = "fasting_from")
    private BigDecimal fastingFrom;
    @Column(name = "fasting_to")
    private BigDecimal fastingTo;
    @Column(name = "after_meal_below")
    private BigDecimal afterMealBelow;
    @Column(name = "hba1c_below")
    private BigDecimal hba1cBelow;
    @Column(name = "critical_systolic")
    private int criticalSystolic;
    @Column(name = "critical_diastolic")
    private int criticalDiastolic;
    @Column(name = "critical_glucose_low")
    private BigDecimal criticalGlucoseLow;
    @Column(name = "critical_glucose_high")
    private BigDecimal criticalGlucoseHigh;
    @Column(name = "consecutive_above")
    private int consecutiveAbove;
    @Column(name = "readings_every_days")
    private int readingsEveryDays;
    @Column(name = "follow_up_every_days")
    private int followUpEveryDays;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "care_plan_doctor", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "doctor_id")
    private Set<UUID> careTeam = new HashSet<>();
    @Column(name = "updated_by")
    private String updatedBy;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected CarePlan() {
    }

    static CarePlan start(UUID patient, Condition condition, Terms terms, String by, Instant now) {
        CarePlan plan = new CarePlan();
        plan.id = UUID.randomUUID();
        plan.patientId = patient;
        plan.condition = condition;
        plan.change(terms, by, now);
        return plan;
    }

    /**
     * New terms; the care team may not be empty (the alerts must reach someone).
     *
     * @throws InvalidField for targets that contradict each other or thresholds inside the target
     */
    void change(Terms terms, String by, Instant now) {
        var t = terms.targets();
        var c = terms.critical();
        if (terms.careTeam().isEmpty()) {
            throw new InvalidField("careTeam", "a plan needs at least one doctor: its alerts go to the care team");
        }
        if (t.diastolicBelow() >= t.systolicBelow()) {
            throw new InvalidField("targets.diastolicBelow", "must be below the systolic target");
        }
        if (t.fastingFrom().compareTo(t.fastingTo()) >= 0) {
            throw new InvalidField("targets.fastingTo", "must be above fastingFrom");
        }
        if (c.systolic() <= t.systolicBelow() || c.diastolic() <= t.diastolicBelow()) {
            throw new InvalidField("critical", "a critical pressure must lie above the target");
        }
        if (c.glucoseLow().compareTo(t.fastingFrom()) >= 0 || c.glucoseHigh().compareTo(t.afterMealBelow()) <= 0) {
            throw new InvalidField("critical", "critical glucose must lie outside the target range");
        }
        systolicBelow = t.systolicBelow();
        diastolicBelow = t.diastolicBelow();
        fastingFrom = t.fastingFrom();
        fastingTo = t.fastingTo();
        afterMealBelow = t.afterMealBelow();
        hba1cBelow = t.hba1cBelow();
        criticalSystolic = c.systolic();
        criticalDiastolic = c.diastolic();
        criticalGlucoseLow = c.glucoseLow();
        criticalGlucoseHigh = c.glucoseHigh();
        consecutiveAbove = terms.consecutiveAbove();
        readingsEveryDays = terms.readingsEveryDays();
        followUpEveryDays = terms.followUpEveryDays();
        careTeam.clear();
        careTeam.addAll(terms.careTeam());
        updatedBy = by;
        updatedAt = now;
    }

    public ReadingTrend.Targets targets() {
        return new ReadingTrend.Targets(systolicBelow, diastolicBelow, fastingFrom, fastingTo, afterMealBelow, hba1cBelow);
    }

    public Critical critical() {
        return new Critical(criticalSystolic, criticalDiastolic, criticalGlucoseLow, criticalGlucoseHigh);
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public Condition condition() {
        return condition;
    }

    public int consecutiveAbove() {
        return consecutiveAbove;
    }

    public int readingsEveryDays() {
        return readingsEveryDays;
    }

    public int followUpEveryDays() {
        return followUpEveryDays;
    }

    public Set<UUID> careTeam() {
        return Set.copyOf(careTeam);
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
