package org.ihospital.insurance.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.ihospital.insurance.money.Fen;
import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;
import org.ihospital.insurance.policy.Benefits;

/**
 * Coordination of benefits with the payers (plain Java): what a claim asks of each payer, in order of
 * liability — the basic insurance its share of each line; a supplementary plan its share of what the
 * basic insurance left to the patient, told what the basic insurance pays on each line — and what the
 * payers' answers mean: a payer that refuses or computes another split before the money leaves holds the
 * claim for an auditor; after delivery, the auditor is told to settle it by hand.
 */
final class Coordination {

    /** The terms of the basic insurance the payer splits by. */
    record BasicTerms(long deductible, long annualCap, int classBSelfPay, int reimbursement) {
    }

    /** The terms of a supplementary plan. */
    record SupplementaryTerms(int reimbursement, long annualCap, boolean coversClassC) {
    }

    /** What the patient's year had used of a payer's terms before the claim. */
    record Opening(Long deductibleUsed, long paid) {
    }

    /** A line as a payer prices it; {@code basicPays} is for a supplementary plan only. */
    record Line(int line, String drugCode, int quantity, Long basicPays) {
    }

    /** What the hospital computed this payer pays. */
    record Claimed(long pays, List<Answer.LinePays> lines) {
    }

    record PreSettlement(String key, UUID claimId, UUID member, int year, Object terms, Opening opening, List<Line> lines, Claimed claimed) {
    }

    record Settlement(String key, String preSettlement, UUID claimId, long pays) {
    }

    record Cancellation(String key, String preSettlement, UUID claimId) {
    }

    /** One submission to make: to whom, and what (serialized as JSON by the caller). */
    record Submission(Liability payer, Phase phase, Object request) {
    }

    private Coordination() {
    }

    /** The pre-settlements of an adjudicated claim, in order of liability: the basic insurance, then the plan if the policy has one. */
    static List<Submission> preSettlements(Claim claim, Benefits benefits) {
        List<Submission> all = new ArrayList<>();
        YearToDate opening = claim.opening();
        String basicKey = Phase.PRE_SETTLEMENT.key(claim.id(), Liability.BASIC);
        all.add(new Submission(Liability.BASIC, Phase.PRE_SETTLEMENT, new PreSettlement(basicKey, claim.id(), claim.patientId(), claim.year(),
                new BasicTerms(benefits.deductible(), benefits.annualCap(), benefits.classBSelfPay(), benefits.reimbursement()),
                new Opening(opening.deductibleUsed(), opening.basicPaid()),
                claim.lines().stream().map(l -> new Line(l.line(), l.drugCode(), l.quantity(), null)).toList(),
                claimed(claim, Liability.BASIC))));
        Benefits.Supplementary plan = benefits.supplementary();
        if (plan != null) {
            String key = Phase.PRE_SETTLEMENT.key(claim.id(), Liability.SUPPLEMENTARY);
            all.add(new Submission(Liability.SUPPLEMENTARY, Phase.PRE_SETTLEMENT, new PreSettlement(key, claim.id(), claim.patientId(),
                    claim.year(), new SupplementaryTerms(plan.reimbursement(), plan.annualCap(), plan.coversClassC()),
                    new Opening(null, opening.supplementaryPaid()),
                    claim.lines().stream().map(l -> new Line(l.line(), l.drugCode(), l.quantity(), l.basicPays())).toList(),
                    claimed(claim, Liability.SUPPLEMENTARY))));
        }
        return all;
    }

    /** The settlement of a delivered claim with a payer that was asked to pre-settle it. */
    static Submission settlement(Claim claim, Liability payer) {
        return new Submission(payer, Phase.SETTLEMENT, new Settlement(Phase.SETTLEMENT.key(claim.id(), payer),
                Phase.PRE_SETTLEMENT.key(claim.id(), payer), claim.id(), claimed(claim, payer).pays()));
    }

    /** The cancellation of a voided claim's pre-settlement with a payer. */
    static Submission cancellation(Claim claim, Liability payer) {
        return new Submission(payer, Phase.CANCELLATION, new Cancellation(Phase.CANCELLATION.key(claim.id(), payer),
                Phase.PRE_SETTLEMENT.key(claim.id(), payer), claim.id()));
    }

    private static Claimed claimed(Claim claim, Liability payer) {
        ToLongFunction<ClaimLine> share = payer == Liability.BASIC ? ClaimLine::basicPays : ClaimLine::supplementaryPays;
        List<Answer.LinePays> lines = claim.lines().stream().map(l -> new Answer.LinePays(l.line(), share.applyAsLong(l))).toList();
        return new Claimed(lines.stream().mapToLong(Answer.LinePays::pays).sum(), lines);
    }

    /**
     * What a payer's answer to a submission means for the claim: nothing (it agrees), or a flag for an
     * auditor — holding before the money leaves (a pre-settlement refused or split otherwise), a notice
     * after (a settlement or cancellation to finish by hand).
     */
    static Optional<CostControl.Flag> judge(Claim claim, Liability payer, Phase phase, Answer answer) {
        CostControl.Severity severity = phase == Phase.PRE_SETTLEMENT ? CostControl.Severity.HOLD : CostControl.Severity.NOTICE;
        String who = who(payer);
        if (answer.refused()) {
            return Optional.of(new CostControl.Flag(CostControl.Kind.PAYER_REFUSED, severity, null,
                    who + " refused the " + noun(phase) + ": " + (answer.reason() == null ? "no reason given" : answer.reason())));
        }
        String expected = switch (phase) {
            case PRE_SETTLEMENT -> Answer.ACCEPTED;
            case SETTLEMENT -> Answer.SETTLED;
            case CANCELLATION -> Answer.CANCELLED;
        };
        if (!expected.equals(answer.outcome())) {
            return Optional.of(new CostControl.Flag(CostControl.Kind.PAYER_DISAGREES, severity, null,
                    who + " answered " + answer.outcome() + " to the " + noun(phase)));
        }
        if (phase == Phase.CANCELLATION) {
            return Optional.empty();
        }
        Claimed ours = claimed(claim, payer);
        if (phase == Phase.PRE_SETTLEMENT) {
            // a line the payer leaves out, it pays nothing on; a line the claim does not have is a disagreement
            Map<Integer, Long> theirs = answer.lines().stream().collect(Collectors.toMap(Answer.LinePays::line, Answer.LinePays::pays, Long::sum));
            for (Answer.LinePays line : ours.lines()) {
                long pays = theirs.getOrDefault(line.line(), 0L);
                if (pays != line.pays()) {
                    return Optional.of(new CostControl.Flag(CostControl.Kind.PAYER_DISAGREES, severity, line.line(), who + " pays "
                            + Fen.yuan(pays) + " on line " + line.line() + " where the claim says " + Fen.yuan(line.pays())));
                }
            }
            var unknown = theirs.keySet().stream().filter(l -> ours.lines().stream().noneMatch(o -> o.line() == l)).sorted().findFirst();
            if (unknown.isPresent()) {
                return Optional.of(new CostControl.Flag(CostControl.Kind.PAYER_DISAGREES, severity, null,
                        who + " pays on a line " + unknown.get() + " the claim does not have"));
            }
        }
        if (answer.pays() != ours.pays()) {
            return Optional.of(new CostControl.Flag(CostControl.Kind.PAYER_DISAGREES, severity, null,
                    who + " pays " + Fen.yuan(answer.pays()) + " where the claim says " + Fen.yuan(ours.pays())));
        }
        return Optional.empty();
    }

    /** No answer after the last retry: held before the money leaves, a notice after. */
    static CostControl.Flag unanswered(Liability payer, Phase phase, String error) {
        return new CostControl.Flag(CostControl.Kind.PAYER_UNAVAILABLE, phase == Phase.PRE_SETTLEMENT ? CostControl.Severity.HOLD
                : CostControl.Severity.NOTICE, null, who(payer) + " never answered the " + noun(phase) + ": " + error);
    }

    private static String who(Liability payer) {
        return payer == Liability.BASIC ? "the basic insurance" : "the supplementary plan";
    }

    private static String noun(Phase phase) {
        return switch (phase) {
            case PRE_SETTLEMENT -> "pre-settlement";
            case SETTLEMENT -> "settlement";
            case CANCELLATION -> "cancellation";
        };
    }
}
