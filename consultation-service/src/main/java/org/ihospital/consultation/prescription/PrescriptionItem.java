package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ihospital.commons.problem.Problem;
import org.ihospital.contracts.ReferenceData;

/** One medicine of a prescription, as the dictionary describes it and the doctor doses it. */
public record PrescriptionItem(int line, String drugCode, String genericName, String form, BigDecimal strength, String strengthUnit,
        String atc, int quantity, Dosage dosage, String instructions) {

    /**
     * Checks a requested item against the drug dictionary's bounds: no zero, negative or absurd amounts.
     *
     * @return the item, or the field errors (prefixed with {@code items[i].})
     */
    static Result of(int index, String drugCode, int quantity, Dosage dosage, String instructions) {
        String at = "items[" + index + "].";
        List<Problem.FieldError> errors = new ArrayList<>();
        var drug = ReferenceData.drug(drugCode);
        if (drug.isEmpty()) {
            errors.add(new Problem.FieldError(at + "drugCode", "not a code of the drug dictionary"));
            return new Result(null, errors);
        }
        var d = drug.get();
        if (quantity < 1 || quantity > d.maxQuantity()) {
            errors.add(new Problem.FieldError(at + "quantity", "must be between 1 and " + d.maxQuantity() + " " + d.form() + "(s)"));
        }
        if (dosage.amount().signum() <= 0) {
            errors.add(new Problem.FieldError(at + "dosage.amount", "must be more than 0"));
        } else {
            BigDecimal perDay = dosage.frequency().perDay(dosage.amount());
            if (perDay.compareTo(BigDecimal.valueOf(d.maxDailyUnits())) > 0) {
                errors.add(new Problem.FieldError(at + "dosage.amount", "exceeds the maximum of " + d.maxDailyUnits() + " "
                        + d.form() + "(s) a day of " + d.genericName()));
            }
            BigDecimal course = dosage.frequency().course(dosage.amount(), dosage.days()).setScale(0, java.math.RoundingMode.CEILING);
            if (errors.isEmpty() && BigDecimal.valueOf(quantity).compareTo(course) > 0) {
                errors.add(new Problem.FieldError(at + "quantity", "is more than the " + course.toPlainString()
                        + " the dosage needs over " + dosage.days() + " days"));
            }
        }
        if (dosage.days() < 1 || dosage.days() > 90) {
            errors.add(new Problem.FieldError(at + "dosage.days", "must be between 1 and 90"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new PrescriptionItem(index + 1, d.code(), d.genericName(), d.form(), d.strength(), d.strengthUnit(), d.atc(),
                quantity, dosage, instructions == null ? "" : instructions), List.of());
    }

    record Result(PrescriptionItem item, List<Problem.FieldError> errors) {
    }
}
