package org.ihospital.consultation.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A patient's readings over a period as a clinician and a mobile app look at them: per kind, how many, the
 * average, the share within target, and a weekly series (weeks start on Monday, clinic time) to plot.
 */
public final class ReadingTrend {

    /** A reading as the trend needs it. */
    public record Point(Measurement measurement, Instant measuredAt) {
    }

    /**
     * The targets a reading is held against. Until a care plan sets the patient's own, the guideline's
     * (China's hypertension and type 2 diabetes guidelines): blood pressure below 140/90 mmHg, fasting glucose
     * 4.4 to 7.0 mmol/L, after a meal or at random below 10.0, HbA1c below 7.0 %; weight has none.
     */
    public record Targets(int systolicBelow, int diastolicBelow, BigDecimal fastingFrom, BigDecimal fastingTo,
            BigDecimal afterMealBelow, BigDecimal hba1cBelow) {

        public static Targets guideline() {
            return new Targets(140, 90, new BigDecimal("4.4"), new BigDecimal("7.0"), new BigDecimal("10.0"), new BigDecimal("7.0"));
        }

        /** Whether the reading is within target; {@code null} for a kind without one. */
        public Boolean met(Measurement m) {
            if (m instanceof Measurement.BloodPressure bp) {
                return bp.systolic() < systolicBelow && bp.diastolic() < diastolicBelow;
            }
            if (m instanceof Measurement.Glucose g) {
                return g.timing() == Measurement.Timing.FASTING
                        ? g.mmolPerLitre().compareTo(fastingFrom) >= 0 && g.mmolPerLitre().compareTo(fastingTo) <= 0
                        : g.mmolPerLitre().compareTo(afterMealBelow) < 0;
            }
            if (m instanceof Measurement.HbA1c a) {
                return a.percent().compareTo(hba1cBelow) < 0;
            }
            return null; // weight: no target
        }
    }

    /** One week of one kind. {@code averageDiastolic} only for blood pressure. */
    public record Week(LocalDate weekOf, int readings, BigDecimal average, BigDecimal averageDiastolic) {
    }

    /**
     * One kind over the period. {@code average} is the systolic pressure's for blood pressure (the diastolic's
     * beside it); {@code inTargetPercent} is null for a kind without a target.
     */
    public record KindTrend(Measurement.Kind kind, int readings, BigDecimal average, BigDecimal averageDiastolic, Integer inTargetPercent,
            List<Week> weeks) {
    }

    private ReadingTrend() {
    }

    /** The trend of every kind that has readings, in the order of {@link Measurement.Kind}. */
    public static List<KindTrend> of(List<Point> points, Targets targets, ZoneId zone) {
        Map<Measurement.Kind, List<Point>> byKind = new EnumMap<>(Measurement.Kind.class);
        points.forEach(p -> byKind.computeIfAbsent(p.measurement().kind(), k -> new ArrayList<>()).add(p));
        List<KindTrend> trends = new ArrayList<>();
        byKind.forEach((kind, ofKind) -> trends.add(trend(kind, ofKind, targets, zone)));
        return trends;
    }

    private static KindTrend trend(Measurement.Kind kind, List<Point> points, Targets targets, ZoneId zone) {
        int met = 0;
        int judged = 0;
        for (Point p : points) {
            Boolean inTarget = targets.met(p.measurement());
            if (inTarget != null) {
                judged++;
                met += inTarget ? 1 : 0;
            }
        }
        Map<LocalDate, List<Point>> byWeek = new TreeMap<>();
        points.forEach(p -> byWeek.computeIfAbsent(p.measuredAt().atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), w -> new ArrayList<>()).add(p));
        List<Week> weeks = byWeek.entrySet().stream()
                .map(e -> new Week(e.getKey(), e.getValue().size(), average(e.getValue(), false), diastolic(kind, e.getValue()))).toList();
        return new KindTrend(kind, points.size(), average(points, false), diastolic(kind, points),
                judged == 0 ? null : Math.round(100f * met / judged), weeks);
    }

    private static BigDecimal diastolic(Measurement.Kind kind, List<Point> points) {
        return kind == Measurement.Kind.BLOOD_PRESSURE ? average(points, true) : null;
    }

    private static BigDecimal average(List<Point> points, boolean diastolic) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Point p : points) {
            sum = sum.add(diastolic ? BigDecimal.valueOf(((Measurement.BloodPressure) p.measurement()).diastolic())
                    : p.measurement().primary());
        }
        return sum.divide(BigDecimal.valueOf(points.size()), 1, RoundingMode.HALF_UP);
    }
}
