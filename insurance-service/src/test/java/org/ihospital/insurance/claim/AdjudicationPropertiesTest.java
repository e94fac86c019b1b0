package org.ihospital.insurance.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.money.Fen;
import org.ihospital.insurance.policy.Benefits;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The split's invariants over random policies, catalogues and years of claims: every fen accounted to
 * exactly one party, no cap exceeded, the deductible never used twice, voids restoring the year exactly,
 * and the same claim always split the same way.
 */
class AdjudicationPropertiesTest {

    record Year(Benefits benefits, Map<String, CatalogueItem> catalogue, List<List<Adjudication.Line>> claims, List<Boolean> voided) {
    }

    @Provide
    Arbitrary<Year> years() {
        Arbitrary<Benefits.Supplementary> plans = Combinators.combine(Arbitraries.integers().between(0, Fen.WHOLE),
                Arbitraries.longs().between(0, 500_000), Arbitraries.of(true, false)).as(Benefits.Supplementary::new).injectNull(0.3);
        Arbitrary<Benefits> benefits = Combinators.combine(Arbitraries.longs().between(0, 200_000), Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.integers().between(0, Fen.WHOLE), Arbitraries.integers().between(0, Fen.WHOLE), plans).as(Benefits::new);
        Arbitrary<CatalogueItem> items = Combinators.combine(Arbitraries.of(CatalogueClass.values()), Arbitraries.longs().between(0, 100_000),
                Arbitraries.integers().between(1, 500)).as((cls, price, limit) -> new CatalogueItem("D", cls, price, limit));
        Arbitrary<Map<String, CatalogueItem>> catalogues = items.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            Map<String, CatalogueItem> catalogue = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                CatalogueItem it = list.get(i);
                catalogue.put("DRUG-" + i, new CatalogueItem("DRUG-" + i, it.catalogueClass(), it.unitPrice(), it.quantityLimit()));
            }
            return catalogue;
        });
        return catalogues.flatMap(catalogue -> {
            Arbitrary<Adjudication.Line> line = Combinators.combine(Arbitraries.of(new ArrayList<>(catalogue.keySet())),
                    Arbitraries.integers().between(1, 500)).as((drug, quantity) -> new Adjudication.Line(0, drug, quantity));
            Arbitrary<List<Adjudication.Line>> claim = line.list().ofMinSize(1).ofMaxSize(5).map(ls -> {
                List<Adjudication.Line> numbered = new ArrayList<>();
                for (int i = 0; i < ls.size(); i++) {
                    numbered.add(new Adjudication.Line(i + 1, ls.get(i).drugCode(), ls.get(i).quantity()));
                }
                return numbered;
            });
            return Combinators.combine(benefits, claim.list().ofMinSize(1).ofMaxSize(15), Arbitraries.of(true, false).list().ofSize(15))
                    .as((b, claims, voided) -> new Year(b, catalogue, claims, voided));
        });
    }

    @Property(tries = 300)
    void everyFenIsOnePartysAndNoCapOrDeductibleIsExceeded(@ForAll("years") Year y) {
        YearToDate year = YearToDate.NONE;
        for (var claim : y.claims()) {
            var split = Adjudication.adjudicate(claim, y.catalogue(), y.benefits(), year);
            for (var line : split.lines()) {
                assertThat(line.basicPays()).isNotNegative();
                assertThat(line.supplementaryPays()).isNotNegative();
                assertThat(line.patientPays()).isNotNegative();
                assertThat(line.basicPays() + line.supplementaryPays() + line.patientPays()).isEqualTo(line.amount());
                if (line.catalogueClass() == CatalogueClass.C) {
                    assertThat(line.basicPays()).isZero();
                }
            }
            assertThat(split.basicPays() + split.supplementaryPays() + split.patientPays()).isEqualTo(split.total());
            year = year.plus(split.takes());
            assertThat(year.basicPaid()).isLessThanOrEqualTo(y.benefits().annualCap());
            assertThat(year.deductibleUsed()).isLessThanOrEqualTo(y.benefits().deductible());
            long planCap = y.benefits().supplementary() == null ? 0 : y.benefits().supplementary().annualCap();
            assertThat(year.supplementaryPaid()).isLessThanOrEqualTo(planCap);
        }
    }

    @Property(tries = 300)
    void voidingAClaimGivesBackExactlyWhatItTook(@ForAll("years") Year y) {
        YearToDate year = YearToDate.NONE;
        for (int i = 0; i < y.claims().size(); i++) {
            YearToDate before = year;
            var split = Adjudication.adjudicate(y.claims().get(i), y.catalogue(), y.benefits(), year);
            year = year.plus(split.takes());
            if (y.voided().get(i)) {
                year = year.minus(split.takes());
                assertThat(year).isEqualTo(before);
            }
        }
    }

    @Property(tries = 200)
    void theSameClaimOnTheSameYearIsSplitTheSameWay(@ForAll("years") Year y) {
        YearToDate year = YearToDate.NONE;
        for (var claim : y.claims()) {
            var first = Adjudication.adjudicate(claim, y.catalogue(), y.benefits(), year);
            assertThat(Adjudication.adjudicate(claim, y.catalogue(), y.benefits(), year)).isEqualTo(first);
            year = year.plus(first.takes());
        }
    }
}
