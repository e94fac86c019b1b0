package org.ihospital.insurance.claim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cost control before the money leaves (医保控费): the flags an auditor sees on a claim. A quantity over the
 * catalogue's limit, the same therapeutic class (ATC level 4) as a line of another active claim of the
 * patient, the same drug again sooner than the refill interval. Which kinds hold the claim is policy.
 */
public final class CostControl {

    /** The kinds of flag an auditor sees: cost control's own, a payer's objection (the claims exchange), and events out of order. */
    public enum Kind {
        QUANTITY_OVER_LIMIT, DUPLICATE_THERAPY, REFILL_TOO_FREQUENT, PAYER_REFUSED, PAYER_DISAGREES, PAYER_UNAVAILABLE,
        /** Delivered although the claim was voided meanwhile (the expiry was heard before the payment): settled after all, for auditors to see. */
        DELIVERED_AFTER_VOID
    }

    public enum Severity {
        /** Nothing is dispensed until an auditor resolves it. */
        HOLD,
        /** For the auditor's eyes; the claim goes on. */
        NOTICE
    }

    /** A line to check: its drug, its therapeutic class, how many units, and the catalogue's limit. */
    public record Line(int line, String drugCode, String atc, int quantity, int quantityLimit) {
    }

    /** A line of another claim of the patient: its drug and class, when it was adjudicated, whether the claim is still active. */
    public record Earlier(String drugCode, String atc, Instant adjudicatedAt, boolean active) {
    }

    /** A flag raised; {@code line} is null when it concerns the whole claim. */
    public record Flag(Kind kind, Severity severity, Integer line, String detail) {
    }

    private final Set<Kind> holding;
    private final Duration refillInterval;

    /**
     * @param holding        the kinds that hold a claim (the others are notices)
     * @param refillInterval the same drug claimed again sooner than this is flagged
     */
    public CostControl(Set<Kind> holding, Duration refillInterval) {
        this.holding = Set.copyOf(holding);
        this.refillInterval = refillInterval;
    }

    public List<Flag> check(List<Line> lines, List<Earlier> earlier, Instant now) {
        List<Flag> flags = new ArrayList<>();
        for (Line l : lines) {
            if (l.quantity() > l.quantityLimit()) {
                flags.add(flag(Kind.QUANTITY_OVER_LIMIT, l, l.drugCode() + ": " + l.quantity() + " units, over the catalogue's limit of "
                        + l.quantityLimit() + " per prescription"));
            }
            String cls = therapeuticClass(l.atc());
            earlier.stream().filter(e -> e.active() && cls != null && cls.equals(therapeuticClass(e.atc()))).findFirst()
                    .ifPresent(e -> flags.add(flag(Kind.DUPLICATE_THERAPY, l, l.drugCode() + " is of class " + cls + ", like "
                            + e.drugCode() + " of another active claim of the patient")));
            earlier.stream().filter(e -> e.drugCode().equals(l.drugCode()) && e.adjudicatedAt().isAfter(now.minus(refillInterval))).findFirst()
                    .ifPresent(e -> flags.add(flag(Kind.REFILL_TOO_FREQUENT, l, l.drugCode() + " was claimed on " + e.adjudicatedAt()
                            + ", less than " + refillInterval.toDays() + " days ago")));
        }
        return List.copyOf(flags);
    }

    private Flag flag(Kind kind, Line l, String detail) {
        return new Flag(kind, holding.contains(kind) ? Severity.HOLD : Severity.NOTICE, l.line(), detail);
    }

    /** ATC level 4 (chemical subgroup, e.g. C09CA), or null for a code too short to have one. */
    static String therapeuticClass(String atc) {
        return atc == null || atc.length() < 5 ? null : atc.substring(0, 5);
    }
}
