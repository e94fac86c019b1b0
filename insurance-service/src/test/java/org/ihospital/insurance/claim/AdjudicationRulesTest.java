package org.ihospital.insurance.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.money.Fen;
import org.ihospital.insurance.policy.Benefits;
import org.junit.jupiter.api.Test;

/** The split of a claim, rule by rule, without a server. */
class AdjudicationRulesTest {

    private static final Map<String, CatalogueItem> CATALOGUE = Map.of(
            "A-DRUG", new CatalogueItem("A-DRUG", CatalogueClass.A, 1_000, 90),
            "B-DRUG", new CatalogueItem("B-DRUG", CatalogueClass.B, 1_000, 90),
            "C-DRUG", new CatalogueItem("C-DRUG", CatalogueClass.C, 1_000, 90),
            "ODD", new CatalogueItem("ODD", CatalogueClass.B, 35, 90));
    /** 200.00 deductible, 800.00 cap, class B 10 % first, 80 % reimbursed, no supplementary plan. */
    private static final Benefits BASIC = new Benefits(20_000, 80_000, 1_000, 8_000, null);

    private static Adjudication.Split claim(Benefits benefits, YearToDate year, Adjudication.Line... lines) {
        return Adjudication.adjudicate(List.of(lines), CATALOGUE, benefits, year);
    }

    private static Adjudication.Line line(int n, String drug, int quantity) {
        return new Adjudication.Line(n, drug, quantity);
    }

    @Test
    void aShareIsRoundedHalfUpToTheFen() {
        assertThat(Fen.share(35, 1_000)).isEqualTo(4);   // 3.5
        assertThat(Fen.share(34, 1_000)).isEqualTo(3);   // 3.4
        assertThat(Fen.share(31, 8_000)).isEqualTo(25);  // 24.8
        assertThat(Fen.share(5, 5_000)).isEqualTo(3);    // 2.5
        assertThat(Fen.share(0, 5_000)).isZero();
        assertThat(Fen.share(12_345, Fen.WHOLE)).isEqualTo(12_345);
        assertThatThrownBy(() -> Fen.share(-1, 5_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fen.share(1, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fen.yuan(12_345)).isEqualTo("123.45");
        assertThat(Fen.yuan(5)).isEqualTo("0.05");
    }

    @Test
    void theDeductibleComesFirstAndIsThePatients() {
        var split = claim(BASIC, YearToDate.NONE, line(1, "A-DRUG", 30)); // 300.00, 200.00 of it deductible
        assertThat(split.lines().get(0).deductible()).isEqualTo(20_000);
        assertThat(split.basicPays()).isEqualTo(8_000);                    // 80 % of 100.00
        assertThat(split.patientPays()).isEqualTo(22_000);
        assertThat(split.takes()).isEqualTo(new YearToDate(20_000, 8_000, 0));
    }

    @Test
    void classBIsEligibleAfterTheSelfPayFirstAndClassCNotAtAll() {
        YearToDate deductibleMet = new YearToDate(20_000, 0, 0);
        var b = claim(BASIC, deductibleMet, line(1, "B-DRUG", 10)).lines().get(0);  // 100.00
        assertThat(b.selfPayFirst()).isEqualTo(1_000);
        assertThat(b.basicPays()).isEqualTo(7_200);                                 // 80 % of 90.00
        assertThat(b.patientPays()).isEqualTo(2_800);
        var c = claim(BASIC, deductibleMet, line(1, "C-DRUG", 10)).lines().get(0);
        assertThat(c.basicPays()).isZero();
        assertThat(c.patientPays()).isEqualTo(10_000);
    }

    @Test
    void theCapIsReachedInTheMiddleOfAClaim() {
        var split = claim(BASIC, new YearToDate(20_000, 79_000, 0), line(1, "A-DRUG", 10), line(2, "A-DRUG", 10));
        assertThat(split.lines()).extracting(Adjudication.LineSplit::basicPays).containsExactly(1_000L, 0L);
        assertThat(split.basicPays()).isEqualTo(1_000);
        assertThat(split.patientPays()).isEqualTo(19_000);
    }

    @Test
    void aSupplementaryPlanPaysOnWhatTheBasicInsuranceLeftAndNotOnClassCUnlessItSaysSo() {
        var plan = new Benefits(20_000, 80_000, 1_000, 8_000, new Benefits.Supplementary(5_000, 30_000, false));
        YearToDate met = new YearToDate(20_000, 0, 0);
        var a = claim(plan, met, line(1, "A-DRUG", 10)).lines().get(0);
        assertThat(a.basicPays()).isEqualTo(8_000);
        assertThat(a.supplementaryPays()).isEqualTo(1_000);
        assertThat(a.patientPays()).isEqualTo(1_000);
        assertThat(claim(plan, met, line(1, "C-DRUG", 10)).supplementaryPays()).isZero();
        var coversC = new Benefits(20_000, 80_000, 1_000, 8_000, new Benefits.Supplementary(5_000, 30_000, true));
        assertThat(claim(coversC, met, line(1, "C-DRUG", 10)).supplementaryPays()).isEqualTo(5_000);
    }

    @Test
    void everyLineAddsUpEvenWhereSharesRound() {
        var plan = new Benefits(0, 80_000, 1_000, 8_000, new Benefits.Supplementary(5_000, 30_000, false));
        var line = claim(plan, YearToDate.NONE, line(1, "ODD", 1)).lines().get(0);
        assertThat(line.selfPayFirst()).isEqualTo(4);
        assertThat(line.basicPays()).isEqualTo(25);
        assertThat(line.supplementaryPays()).isEqualTo(5);
        assertThat(line.basicPays() + line.supplementaryPays() + line.patientPays()).isEqualTo(line.amount());
    }

    @Test
    void aDrugTheCatalogueDoesNotPriceCannotBeAdjudicated() {
        assertThatThrownBy(() -> claim(BASIC, YearToDate.NONE, line(1, "A-DRUG", 1), line(2, "NO-SUCH-DRUG", 1)))
                .isInstanceOf(Adjudication.UnknownDrug.class).hasMessageContaining("NO-SUCH-DRUG");
        assertThatThrownBy(() -> line(1, "A-DRUG", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatalogueItem("X", CatalogueClass.A, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
