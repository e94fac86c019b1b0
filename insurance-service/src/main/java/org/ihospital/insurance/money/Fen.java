package org.ihospital.insurance.money;

/**
 * Money is a {@code long} of fen (分), never a floating-point number. The one rounding rule: a share of an
 * amount is the amount times a ratio in basis points (1/10,000), rounded half up to a whole fen; whatever
 * is computed from it (the other side of a split) is the remainder, so that the parts of an amount always
 * add up to it exactly.
 */
public final class Fen {

    /** A ratio of 100 %, in basis points. */
    public static final int WHOLE = 10_000;

    private Fen() {
    }

    /** {@code amount × basisPoints / 10,000}, rounded half up to a whole fen. */
    public static long share(long amount, int basisPoints) {
        if (amount < 0) {
            throw new IllegalArgumentException("an amount is never negative: " + amount);
        }
        if (basisPoints < 0 || basisPoints > WHOLE) {
            throw new IllegalArgumentException("a ratio is between 0 and 10,000 basis points: " + basisPoints);
        }
        return Math.floorDiv(Math.addExact(Math.multiplyExact(amount, basisPoints), WHOLE / 2), WHOLE);
    }

    /** {@code 12345} → {@code "123.45"}: for people, never for arithmetic. */
    public static String yuan(long fen) {
        return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + String.format("%02d", Math.abs(fen) % 100);
    }
}
