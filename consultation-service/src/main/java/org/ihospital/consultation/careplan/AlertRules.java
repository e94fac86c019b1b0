package org.ihospital.consultation.careplan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ihospital.consultation.reading.Measurement;

/**
 * The rules that call a care team, as the hospital speaks them. Each alert names its cause, so that the
 * same cause never raises two alerts: a reading past a critical threshold (that reading), readings outside
 * the target so many times in a row (the first reading of that run: a longer run is the same cause), and
 * readings overdue (the plan, and the last reading the wait is counted from).
 */
public final class AlertRules {

    /** A reading as the rules see it. */
    public record Observed(UUID id, Measurement measurement, Instant measuredAt) {
    }

    /** An alert the rules raise. */
    public record Raised(CareAlert.Rule rule, String cause, String detail) {
    }

    /** Runs are looked for this far back at most. */
    static final int LONGEST_RUN = 50;

    private AlertRules() {
    }

    /**
     * What readings just stored raise for a plan.
     *
     * @param stored           the readings just stored (every kind)
     * @param latestNewestFirst the patient's latest readings of the plan's kind, newest first, those just stored included
     */
    public static List<Raised> onReadings(CarePlan plan, List<Observed> stored, List<Observed> latestNewestFirst) {
        Measurement.Kind watched = plan.condition().watched();
        List<Raised> raised = new ArrayList<>();
        for (Observed o : stored) {
            if (o.measurement().kind() == watched && critical(plan.critical(), o.measurement())) {
                raised.add(new Raised(CareAlert.Rule.CRITICAL, "critical:" + plan.id() + ":" + o.id(),
                        describe(o) + " is past the critical threshold"));
            }
        }
        if (stored.stream().anyMatch(o -> o.measurement().kind() == watched)) {
            List<Observed> run = new ArrayList<>();
            for (Observed o : latestNewestFirst) {
                if (Boolean.TRUE.equals(plan.targets().met(o.measurement())) || run.size() == LONGEST_RUN) {
                    break;
                }
                run.add(o);
            }
            if (run.size() >= plan.consecutiveAbove()) {
                Observed first = run.get(run.size() - 1);
                raised.add(new Raised(CareAlert.Rule.CONSECUTIVE_ABOVE_TARGET, "consecutive:" + plan.id() + ":" + first.id(),
                        run.size() + " readings in a row outside the target since " + first.measuredAt() + ", the latest "
                                + describe(run.get(0))));
            }
        }
        return raised;
    }

    /**
     * Whether readings are overdue: none since {@code readingsEveryDays} after the last one (or after the plan
     * was set, without one).
     *
     * @param last the latest reading of the plan's kind, or null
     */
    public static Raised overdue(CarePlan plan, Observed last, Instant now) {
        Instant since = last == null ? plan.updatedAt() : last.measuredAt();
        if (!now.isAfter(since.plus(java.time.Duration.ofDays(plan.readingsEveryDays())))) {
            return null;
        }
        String from = last == null ? "plan-" + plan.updatedAt().getEpochSecond() : last.id().toString();
        return new Raised(CareAlert.Rule.OVERDUE, "overdue:" + plan.id() + ":" + from,
                "no " + plan.condition().watched().name().toLowerCase().replace('_', ' ') + " reading since " + since
                        + " (due every " + plan.readingsEveryDays() + " days)");
    }

    static boolean critical(CarePlan.Critical c, Measurement m) {
        if (m instanceof Measurement.BloodPressure bp) {
            return bp.systolic() >= c.systolic() || bp.diastolic() >= c.diastolic();
        }
        if (m instanceof Measurement.Glucose g) {
            return g.mmolPerLitre().compareTo(c.glucoseLow()) < 0 || g.mmolPerLitre().compareTo(c.glucoseHigh()) >= 0;
        }
        return false;
    }

    private static String describe(Observed o) {
        Measurement m = o.measurement();
        String value = m instanceof Measurement.BloodPressure bp ? bp.systolic() + "/" + bp.diastolic() + " mmHg"
                : m instanceof Measurement.Glucose g ? g.mmolPerLitre().toPlainString() + " mmol/L (" + g.timing() + ")"
                        : m.primary().toPlainString();
        return m.kind().name().toLowerCase().replace('_', ' ') + " " + value + " measured " + o.measuredAt();
    }
}
