package org.ihospital.pharmacy.review;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One medicine of the prescription under review, as the doctor signed it. Part of its review. */
@Embeddable
public record ReviewItem(int line, @Column(name = "drug_code") String drugCode, @Column(name = "generic_name") String genericName,
        String atc, int quantity, @Column(name = "dose_amount") BigDecimal doseAmount, String frequency, int days) {

    static ReviewItem of(SignedPrescription.Item signed) {
        return new ReviewItem(signed.line(), signed.drugCode(), signed.genericName(), signed.atc(), signed.quantity(),
                signed.dose().amount(), signed.dose().frequency(), signed.dose().days());
    }

    /**
     * Dispensing units a day at most, from the prescription abbreviations: QD and QN once, BID twice, TID
     * three times, QID four times, PRN as three takes, QW once a week. An abbreviation not among them is
     * counted as four takes, the most a day, so that it is never under-counted.
     */
    BigDecimal unitsPerDay() {
        int takes = switch (frequency) {
            case "QD", "QN", "QW" -> 1;
            case "BID" -> 2;
            case "TID", "PRN" -> 3;
            default -> 4;
        };
        BigDecimal daily = doseAmount.multiply(BigDecimal.valueOf(takes));
        return "QW".equals(frequency) ? daily.divide(BigDecimal.valueOf(7), 4, RoundingMode.UP) : daily;
    }
}
