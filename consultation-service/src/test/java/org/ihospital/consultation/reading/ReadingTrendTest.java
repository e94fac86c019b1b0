package org.ihospital.consultation.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.ihospital.consultation.reading.Measurement.Kind;
import org.ihospital.consultation.reading.Measurement.Timing;
import org.ihospital.consultation.reading.ReadingTrend.Point;
import org.junit.jupiter.api.Test;

/** What a clinician and an app see of a period: averages, the share within target, a weekly series. */
class ReadingTrendTest {

    private static final ZoneId CLINIC = ZoneId.of("Asia/Shanghai");

    private static Point bp(int systolic, int diastolic, String day) {
        return new Point(new Measurement.BloodPressure(systolic, diastolic, null), at(day));
    }

    private static Point glucose(String mmol, Timing timing, String day) {
        return new Point(new Measurement.Glucose(new BigDecimal(mmol), timing), at(day));
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(8, 0).atZone(CLINIC).toInstant();
    }

    @Test
    void bloodPressureAveragesBothPressuresAndCountsReadingsBelow140Over90() {
        var trend = ReadingTrend.of(List.of(bp(150, 95, "2026-11-02"), bp(130, 85, "2026-11-03"), bp(132, 92, "2026-11-04"),
                bp(128, 80, "2026-11-05")), ReadingTrend.Targets.guideline(), CLINIC);

        assertThat(trend).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.BLOOD_PRESSURE);
            assertThat(t.readings()).isEqualTo(4);
            assertThat(t.average()).isEqualByComparingTo("135.0");
            assertThat(t.averageDiastolic()).isEqualByComparingTo("88.0");
            assertThat(t.inTargetPercent()).isEqualTo(50); // 132/92 is above: both pressures count
        });
    }

    @Test
    void weeksStartOnMondayInClinicTime() {
        // Sunday 1 Nov and Monday 2 Nov fall in two weeks; a reading at 23:30 UTC on Sunday is Monday in Beijing
        var sundayLateUtc = new Point(new Measurement.BloodPressure(140, 90, null), Instant.parse("2026-11-01T23:30:00Z"));
        var trend = ReadingTrend.of(List.of(bp(120, 80, "2026-11-01"), sundayLateUtc, bp(130, 80, "2026-11-03")),
                ReadingTrend.Targets.guideline(), CLINIC);

        assertThat(trend.get(0).weeks()).extracting(ReadingTrend.Week::weekOf, ReadingTrend.Week::readings)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-10-26"), 1),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-02"), 2));
        assertThat(trend.get(0).weeks().get(1).average()).isEqualByComparingTo("135.0");
    }

    @Test
    void fastingGlucoseHasARangeAndAfterAMealAnUpperLimit() {
        var trend = ReadingTrend.of(List.of(glucose("4.0", Timing.FASTING, "2026-11-02"), glucose("6.5", Timing.FASTING, "2026-11-02"),
                glucose("9.5", Timing.AFTER_MEAL, "2026-11-02"), glucose("11.2", Timing.AFTER_MEAL, "2026-11-03")),
                ReadingTrend.Targets.guideline(), CLINIC);

        assertThat(trend.get(0).inTargetPercent()).isEqualTo(50);
        assertThat(trend.get(0).averageDiastolic()).isNull();
    }

    @Test
    void weightHasNoTargetAndKindsComeInTheirOrder() {
        var trend = ReadingTrend.of(List.of(new Point(new Measurement.Weight(new BigDecimal("70.2")), at("2026-11-02")),
                bp(120, 80, "2026-11-02")), ReadingTrend.Targets.guideline(), CLINIC);

        assertThat(trend).extracting(ReadingTrend.KindTrend::kind).containsExactly(Kind.BLOOD_PRESSURE, Kind.WEIGHT);
        assertThat(trend.get(1).inTargetPercent()).isNull();
    }

    @Test
    void noReadingsNoTrend() {
        assertThat(ReadingTrend.of(List.of(), ReadingTrend.Targets.guideline(), CLINIC)).isEmpty();
    }
}
