package org.ihospital.insurance.payer;

import java.util.List;

/**
 * A payer's word on a submission: ACCEPTED (a pre-settlement, with what the payer will pay on each line),
 * SETTLED, CANCELLED, or REFUSED with its reason. Amounts in fen.
 */
public record Answer(String key, String outcome, long pays, List<LinePays> lines, String reason) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String SETTLED = "SETTLED";
    public static final String CANCELLED = "CANCELLED";
    public static final String REFUSED = "REFUSED";

    /** What a payer pays on one line. */
    public record LinePays(int line, long pays) {
    }

    public Answer {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public boolean refused() {
        return REFUSED.equals(outcome);
    }
}
