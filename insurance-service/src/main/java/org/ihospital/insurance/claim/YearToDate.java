package org.ihospital.insurance.claim;

/**
 * What a patient's claims of one year took so far (the accumulators): the deductible the patient bore, and
 * what each payer paid. Adjudication reads it; a claim's own take is added when it is reserved and taken
 * back, exactly, when it is voided.
 */
public record YearToDate(long deductibleUsed, long basicPaid, long supplementaryPaid) {

    public static final YearToDate NONE = new YearToDate(0, 0, 0);

    public YearToDate {
        if (deductibleUsed < 0 || basicPaid < 0 || supplementaryPaid < 0) {
            throw new IllegalArgumentException("accumulators are never negative");
        }
    }

    public YearToDate plus(YearToDate other) {
        return new YearToDate(deductibleUsed + other.deductibleUsed, basicPaid + other.basicPaid, supplementaryPaid + other.supplementaryPaid);
    }

    public YearToDate minus(YearToDate other) {
        return new YearToDate(deductibleUsed - other.deductibleUsed, basicPaid - other.basicPaid, supplementaryPaid - other.supplementaryPaid);
    }
}
