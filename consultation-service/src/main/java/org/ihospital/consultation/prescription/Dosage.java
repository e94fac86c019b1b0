package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * How a medicine is taken: an amount in dispensing units (tablets, capsules, doses) per take, how
 * often, and for how many days.
 */
@Embeddable
public record Dosage(@Column(name = "dose_amount") BigDecimal amount, @Enumerated(EnumType.STRING) Frequency frequency, int days) {

    /** The usual prescription abbreviations, with the takes they mean a day (a week for QW). */
    public enum Frequency {
        QD(1), BID(2), TID(3), QID(4), QN(1), QW(1), PRN(3);

        private final int takes;

        Frequency(int takes) {
            this.takes = takes;
        }

        int takes() {
            return takes;
        }

        /** Units a day at most (PRN counts as three takes; QW as one take a week). */
        BigDecimal perDay(BigDecimal amount) {
            BigDecimal daily = amount.multiply(BigDecimal.valueOf(takes));
            return this == QW ? daily.divide(BigDecimal.valueOf(7), 4, RoundingMode.UP) : daily;
        }

        /** Units the whole course needs. */
        BigDecimal course(BigDecimal amount, int days) {
            if (this == QW) {
                return amount.multiply(BigDecimal.valueOf((days + 6) / 7));
            }
            return amount.multiply(BigDecimal.valueOf((long) takes * days));
        }
    }

    BigDecimal perDay() {
        return frequency.perDay(amount);
    }

    /** Whole units the course needs, rounded up. */
    BigDecimal course() {
        return frequency.course(amount, days).setScale(0, RoundingMode.CEILING);
    }
}
