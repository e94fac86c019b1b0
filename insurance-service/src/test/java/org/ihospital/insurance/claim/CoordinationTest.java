package org.ihospital.insurance.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;
import org.ihospital.insurance.policy.Benefits;
import org.junit.jupiter.api.Test;

/** What a claim asks of its payers, in order of liability, and what their answers mean. Plain Java. */
class CoordinationTest {

    private static final Map<String, CatalogueItem> CATALOGUE = Map.of(
            "A-DRUG", new CatalogueItem("A-DRUG", CatalogueClass.A, 180, 90),
            "B-DRUG", new CatalogueItem("B-DRUG", CatalogueClass.B, 300, 90),
            "C-DRUG", new CatalogueItem("C-DRUG", CatalogueClass.C, 500, 30));
    private static final Benefits WITH_PLAN = new Benefits(20_000, 80_000, 1_000, 8_000, new Benefits.Supplementary(5_000, 30_000, false));
    private static final Benefits BASIC_ONLY = new Benefits(20_000, 80_000, 1_000, 8_000, null);
    private static final YearToDate OPENING = new YearToDate(15_000, 2_000, 500);

    private static Claim claim(Benefits benefits) {
        var lines = List.of(new Adjudication.Line(1, "B-DRUG", 90), new Adjudication.Line(2, "A-DRUG", 60), new Adjudication.Line(3, "C-DRUG", 10));
        var split = Adjudication.adjudicate(lines, CATALOGUE, benefits, OPENING);
        var prescription = new Claim.Prescription(UUID.randomUUID(), UUID.randomUUID(), "acct", 2026, Map.of());
        return Claim.adjudicated(prescription, UUID.randomUUID(), split, OPENING, false, Instant.parse("2026-12-02T01:00:00Z"));
    }

    private static Answer accepted(Claim claim, Liability payer) {
        var lines = claim.lines().stream().map(l -> new Answer.LinePays(l.line(), payer == Liability.BASIC ? l.basicPays() : l.supplementaryPays()))
                .toList();
        return new Answer("k", Answer.ACCEPTED, lines.stream().mapToLong(Answer.LinePays::pays).sum(), lines, null);
    }

    @Test
    void theBasicInsuranceIsAskedFirstAndThePlanIsToldWhatTheBasicPaysOnEachLine() {
        Claim claim = claim(WITH_PLAN);
        var all = Coordination.preSettlements(claim, WITH_PLAN);
        assertThat(all).extracting(Coordination.Submission::payer).containsExactly(Liability.BASIC, Liability.SUPPLEMENTARY);

        var basic = (Coordination.PreSettlement) all.get(0).request();
        assertThat(basic.key()).isEqualTo(claim.id() + ":pre-settlement:basic");
        assertThat(basic.terms()).isEqualTo(new Coordination.BasicTerms(20_000, 80_000, 1_000, 8_000));
        assertThat(basic.opening()).isEqualTo(new Coordination.Opening(15_000L, 2_000));
        assertThat(basic.lines()).allMatch(l -> l.basicPays() == null);
        assertThat(basic.claimed().pays()).isEqualTo(claim.basicPays());

        var plan = (Coordination.PreSettlement) all.get(1).request();
        assertThat(plan.key()).isEqualTo(claim.id() + ":pre-settlement:supplementary");
        assertThat(plan.opening()).isEqualTo(new Coordination.Opening(null, 500));
        assertThat(plan.lines()).extracting(Coordination.Line::basicPays)
                .containsExactlyElementsOf(claim.lines().stream().map(ClaimLine::basicPays).toList());
        assertThat(plan.claimed().pays()).isEqualTo(claim.supplementaryPays());
        assertThat(plan.claimed().lines()).extracting(Answer.LinePays::pays)
                .containsExactlyElementsOf(claim.lines().stream().map(ClaimLine::supplementaryPays).toList());
    }

    @Test
    void withoutAPlanOnlyTheBasicInsuranceIsAskedAndSettlementAndCancellationNameThePreSettlement() {
        Claim claim = claim(BASIC_ONLY);
        assertThat(Coordination.preSettlements(claim, BASIC_ONLY)).extracting(Coordination.Submission::payer).containsExactly(Liability.BASIC);
        var settlement = (Coordination.Settlement) Coordination.settlement(claim, Liability.BASIC).request();
        assertThat(settlement).isEqualTo(new Coordination.Settlement(claim.id() + ":settlement:basic", claim.id() + ":pre-settlement:basic",
                claim.id(), claim.basicPays()));
        var cancellation = (Coordination.Cancellation) Coordination.cancellation(claim, Liability.BASIC).request();
        assertThat(cancellation.preSettlement()).isEqualTo(claim.id() + ":pre-settlement:basic");
    }

    @Test
    void aPayerThatAgreesRaisesNothing() {
        Claim claim = claim(WITH_PLAN);
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT, accepted(claim, Liability.BASIC))).isEmpty();
        assertThat(Coordination.judge(claim, Liability.SUPPLEMENTARY, Phase.PRE_SETTLEMENT, accepted(claim, Liability.SUPPLEMENTARY))).isEmpty();
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.SETTLEMENT,
                new Answer("k", Answer.SETTLED, claim.basicPays(), List.of(), null))).isEmpty();
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.CANCELLATION, new Answer("k", Answer.CANCELLED, 0, List.of(), null))).isEmpty();
    }

    @Test
    void aFenOfDifferenceOnOneLineHoldsTheClaimBeforeDispensing() {
        Claim claim = claim(WITH_PLAN);
        var fair = accepted(claim, Liability.BASIC);
        var lines = new java.util.ArrayList<>(fair.lines());
        lines.set(1, new Answer.LinePays(2, lines.get(1).pays() + 1));
        var flag = Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT, new Answer("k", Answer.ACCEPTED, fair.pays() + 1, lines, null));
        assertThat(flag).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(CostControl.Kind.PAYER_DISAGREES);
            assertThat(f.severity()).isEqualTo(CostControl.Severity.HOLD);
            assertThat(f.line()).isEqualTo(2);
        });
        // a line left out is one the payer pays nothing on: fine where the claim says nothing either (line 3 is class C) …
        assertThat(fair.lines().get(2).pays()).isZero();
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT,
                new Answer("k", Answer.ACCEPTED, fair.pays(), fair.lines().subList(0, 2), null))).isEmpty();
        // … a disagreement where the claim says it pays
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT,
                new Answer("k", Answer.ACCEPTED, fair.pays(), fair.lines().subList(1, 3), null))).map(CostControl.Flag::line).hasValue(1);
        // and so is a line the claim does not have
        var extra = new java.util.ArrayList<>(fair.lines());
        extra.add(new Answer.LinePays(9, 0));
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT, new Answer("k", Answer.ACCEPTED, fair.pays(), extra, null)))
                .map(CostControl.Flag::kind).hasValue(CostControl.Kind.PAYER_DISAGREES);
    }

    @Test
    void refusalsHoldBeforeDispensingAndAreNoticesAfter() {
        Claim claim = claim(WITH_PLAN);
        var refused = new Answer("k", Answer.REFUSED, 0, List.of(), "not insured");
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT, refused)).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(CostControl.Kind.PAYER_REFUSED);
            assertThat(f.severity()).isEqualTo(CostControl.Severity.HOLD);
            assertThat(f.detail()).contains("not insured");
        });
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.SETTLEMENT, refused)).map(CostControl.Flag::severity)
                .hasValue(CostControl.Severity.NOTICE);
        assertThat(Coordination.judge(claim, Liability.SUPPLEMENTARY, Phase.SETTLEMENT,
                new Answer("k", Answer.SETTLED, claim.supplementaryPays() - 1, List.of(), null))).map(CostControl.Flag::kind)
                .hasValue(CostControl.Kind.PAYER_DISAGREES);
        assertThat(Coordination.judge(claim, Liability.BASIC, Phase.PRE_SETTLEMENT, new Answer("k", Answer.SETTLED, 0, List.of(), null)))
                .map(CostControl.Flag::kind).hasValue(CostControl.Kind.PAYER_DISAGREES);
        assertThat(Coordination.unanswered(Liability.BASIC, Phase.PRE_SETTLEMENT, "time-out").severity()).isEqualTo(CostControl.Severity.HOLD);
        assertThat(Coordination.unanswered(Liability.BASIC, Phase.SETTLEMENT, "time-out").severity()).isEqualTo(CostControl.Severity.NOTICE);
    }
}
