package org.ihospital.insurance.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The cost-control flags, rule by rule. */
class CostControlTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final CostControl control = new CostControl(Set.of(CostControl.Kind.QUANTITY_OVER_LIMIT, CostControl.Kind.DUPLICATE_THERAPY),
            Duration.ofDays(20));

    private static CostControl.Line losartan(int quantity) {
        return new CostControl.Line(1, "LOSARTAN-50MG-TAB", "C09CA01", quantity, 90);
    }

    @Test
    void aQuantityOverTheCataloguesLimitHoldsTheClaim() {
        assertThat(control.check(List.of(losartan(120)), List.of(), NOW)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CostControl.Kind.QUANTITY_OVER_LIMIT);
            assertThat(f.severity()).isEqualTo(CostControl.Severity.HOLD);
        });
        assertThat(control.check(List.of(losartan(90)), List.of(), NOW)).isEmpty();
    }

    @Test
    void theSameClassInAnotherActiveClaimIsDuplicateTherapy() {
        var valsartan = new CostControl.Earlier("VALSARTAN-80MG-CAP", "C09CA03", NOW.minus(Duration.ofDays(40)), true);
        assertThat(control.check(List.of(losartan(30)), List.of(valsartan), NOW)).extracting(CostControl.Flag::kind)
                .containsExactly(CostControl.Kind.DUPLICATE_THERAPY);
        var settled = new CostControl.Earlier("VALSARTAN-80MG-CAP", "C09CA03", NOW.minus(Duration.ofDays(40)), false);
        assertThat(control.check(List.of(losartan(30)), List.of(settled), NOW)).isEmpty();
        var otherClass = new CostControl.Earlier("ENALAPRIL-10MG-TAB", "C09AA02", NOW.minus(Duration.ofDays(40)), true);
        assertThat(control.check(List.of(losartan(30)), List.of(otherClass), NOW)).isEmpty();
    }

    @Test
    void theSameDrugSoonerThanTheRefillIntervalIsANotice() {
        var recent = new CostControl.Earlier("LOSARTAN-50MG-TAB", "C09CA01", NOW.minus(Duration.ofDays(10)), false);
        assertThat(control.check(List.of(losartan(30)), List.of(recent), NOW)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CostControl.Kind.REFILL_TOO_FREQUENT);
            assertThat(f.severity()).isEqualTo(CostControl.Severity.NOTICE);
        });
        var old = new CostControl.Earlier("LOSARTAN-50MG-TAB", "C09CA01", NOW.minus(Duration.ofDays(25)), false);
        assertThat(control.check(List.of(losartan(30)), List.of(old), NOW)).isEmpty();
    }
}
