package org.ihospital.consultation.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.consultation.careplan.AlertRules.Observed;
import org.ihospital.consultation.careplan.AlertRules.Raised;
import org.ihospital.consultation.reading.Measurement;
import org.ihospital.consultation.reading.ReadingTrend;
import org.junit.jupiter.api.Test;

/** When a plan calls the care team, and that the same cause never calls it twice. */
class AlertRulesTest {

    private static final Instant SET = Instant.parse("2026-11-01T00:00:00Z");

    private static CarePlan hypertension(int consecutive, int everyDays) {
        return CarePlan.start(UUID.randomUUID(), CarePlan.Condition.HYPERTENSION, new CarePlan.Terms(ReadingTrend.Targets.guideline(),
                CarePlan.Critical.guideline(), consecutive, everyDays, 90, Set.of(UUID.randomUUID())), "doctor", SET);
    }

    private static Observed bp(int systolic, int diastolic, int hoursAfterSet) {
        return new Observed(UUID.randomUUID(), new Measurement.BloodPressure(systolic, diastolic, null), SET.plus(Duration.ofHours(hoursAfterSet)));
    }

    private static List<Observed> newestFirst(Observed... oldestFirst) {
        List<Observed> list = new ArrayList<>(List.of(oldestFirst));
        java.util.Collections.reverse(list);
        return list;
    }

    @Test
    void aReadingAtTheCriticalPressureCallsAtOnce() {
        CarePlan plan = hypertension(3, 2);
        Observed crisis = bp(182, 100, 1);

        List<Raised> raised = AlertRules.onReadings(plan, List.of(crisis), List.of(crisis));

        assertThat(raised).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(CareAlert.Rule.CRITICAL);
            assertThat(r.cause()).endsWith(crisis.id().toString());
            assertThat(r.detail()).contains("182/100 mmHg");
        });
        assertThat(AlertRules.onReadings(plan, List.of(bp(179, 109, 2)), List.of(bp(179, 109, 2))))
                .noneMatch(r -> r.rule() == CareAlert.Rule.CRITICAL);
        assertThat(AlertRules.onReadings(plan, List.of(bp(150, 110, 2)), List.of()))
                .anyMatch(r -> r.rule() == CareAlert.Rule.CRITICAL);
    }

    @Test
    void threeReadingsInARowAboveTargetCallOnceForTheRun() {
        CarePlan plan = hypertension(3, 2);
        Observed a = bp(150, 92, 1);
        Observed b = bp(145, 88, 2);
        Observed c = bp(141, 85, 3);
        Observed d = bp(160, 95, 4);

        assertThat(AlertRules.onReadings(plan, List.of(b), newestFirst(a, b))).isEmpty();
        Raised third = AlertRules.onReadings(plan, List.of(c), newestFirst(a, b, c)).get(0);
        Raised fourth = AlertRules.onReadings(plan, List.of(d), newestFirst(a, b, c, d)).get(0);

        assertThat(third.rule()).isEqualTo(CareAlert.Rule.CONSECUTIVE_ABOVE_TARGET);
        assertThat(third.cause()).endsWith(a.id().toString());
        assertThat(fourth.cause()).as("a longer run is the same cause").isEqualTo(third.cause());
    }

    @Test
    void aReadingInTargetEndsTheRun() {
        CarePlan plan = hypertension(3, 2);
        Observed a = bp(150, 92, 1);
        Observed b = bp(145, 88, 2);
        Observed ok = bp(128, 80, 3);
        Observed c = bp(150, 95, 4);
        Observed d = bp(151, 95, 5);
        Observed e = bp(152, 95, 6);

        assertThat(AlertRules.onReadings(plan, List.of(c, d), newestFirst(a, b, ok, c, d))).isEmpty();
        assertThat(AlertRules.onReadings(plan, List.of(e), newestFirst(a, b, ok, c, d, e))).singleElement()
                .satisfies(r -> assertThat(r.cause()).endsWith(c.id().toString()));
    }

    @Test
    void readingsOfAnotherKindDoNotCount() {
        CarePlan plan = hypertension(2, 2);
        Observed glucose = new Observed(UUID.randomUUID(), new Measurement.Glucose(new BigDecimal("20.0"), Measurement.Timing.RANDOM), SET);

        assertThat(AlertRules.onReadings(plan, List.of(glucose), List.of(bp(150, 95, 1), bp(150, 95, 2)))).isEmpty();
    }

    @Test
    void readingsAreOverdueOnceTheirCadenceHasPassedAndTheWaitIsOneCause() {
        CarePlan plan = hypertension(3, 2);
        Observed last = bp(130, 80, 10);

        assertThat(AlertRules.overdue(plan, last, last.measuredAt().plus(Duration.ofDays(2)))).isNull();
        Raised late = AlertRules.overdue(plan, last, last.measuredAt().plus(Duration.ofDays(2)).plusSeconds(1));
        Raised later = AlertRules.overdue(plan, last, last.measuredAt().plus(Duration.ofDays(9)));
        assertThat(late.rule()).isEqualTo(CareAlert.Rule.OVERDUE);
        assertThat(later.cause()).isEqualTo(late.cause());
        assertThat(AlertRules.overdue(plan, null, SET.plus(Duration.ofDays(3)))).isNotNull();
        assertThat(AlertRules.overdue(plan, null, SET.plus(Duration.ofDays(1)))).isNull();
    }

    @Test
    void aPlanNeedsACareTeamAndThresholdsOutsideItsTargets() {
        var targets = ReadingTrend.Targets.guideline();
        assertThatThrownBy(() -> CarePlan.start(UUID.randomUUID(), CarePlan.Condition.HYPERTENSION,
                new CarePlan.Terms(targets, CarePlan.Critical.guideline(), 3, 2, 90, Set.of()), "doctor", SET))
                .isInstanceOf(InvalidField.class).hasMessageContaining("at least one doctor");
        assertThatThrownBy(() -> CarePlan.start(UUID.randomUUID(), CarePlan.Condition.HYPERTENSION,
                new CarePlan.Terms(targets, new CarePlan.Critical(130, 110, new BigDecimal("3.0"), new BigDecimal("16.7")), 3, 2, 90,
                        Set.of(UUID.randomUUID())), "doctor", SET))
                .isInstanceOf(InvalidField.class).hasMessageContaining("above the target");
    }
}
