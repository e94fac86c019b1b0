package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;

import org.ihospital.commons.problem.Problem;
import org.ihospital.contracts.ReferenceData;

/** One medicine of a prescription, as the dictionary describes it and the doctor doses it. Part of its prescription. */
@Embeddable
public record PrescriptionItem(int line, @Column(name = "drug_code") String drugCode, @Column(name = "generic_name") String genericName,
        String form, BigDecimal strength, @Column(name = "strength_unit") String strengthUnit, String atc, int quantity,
        @Embedded Dosage dosage, String instructions) {

    /**
     * Whole days the dispensed quantity lasts at the prescribed dosage (rounded down); empty for a medicine
     * taken as needed (PRN), which runs out when it is used, not on a day.
     */
    public java.util.OptionalInt daysSupplied() {
        if (dosage.frequency() == Dosage.Frequency.PRN || dosage.amount().signum() <= 0) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(BigDecimal.valueOf(quantity).multiply(BigDecimal.valueOf(dosage.frequency() == Dosage.Frequency.QW ? 7 : 1))
                .divide(dosage.amount().multiply(BigDecimal.valueOf(dosage.frequency() == Dosage.Frequency.QW ? 1 : dosage.frequency().takes())),
                        0, java.math.RoundingMode.DOWN).intValueExact());
    }

    /** The item as a doctor would ask for it again: a renewal prescribes the same medicine, quantity and dosage. */
    public Requested again() {
        return new Requested(drugCode, quantity, dosage, instructions);
    }

    /** An item as the doctor asks for it, before the dictionary has checked it. */
    public record Requested(String drugCode, int quantity, Dosage dosage, String instructions) {
    }

    /**
     * Checks a requested item against the drug dictionary's bounds: no zero, negative or absurd amounts.
     *
     * @return the item, or the field errors (prefixed with {@code items[i].})
     */
    static Result of(int index, Requested r) {
        String at = "items[" + index + "].";
        List<Problem.FieldError> errors = new ArrayList<>();
        var drug = ReferenceData.drug(r.drugCode());
        if (drug.isEmpty()) {
            errors.add(new Problem.FieldError(at + "drugCode", "not a code of the drug dictionary"));
            return new Result(null, errors);
        }
        var d = drug.get();
        Dosage dosage = r.dosage();
        if (r.quantity() < 1 || r.quantity() > d.maxQuantity()) {
            errors.add(new Problem.FieldError(at + "quantity", "must be between 1 and " + d.maxQuantity() + " " + d.form() + "(s)"));
        }
        if (dosage.amount().signum() <= 0) {
            errors.add(new Problem.FieldError(at + "dosage.amount", "must be more than 0"));
        } else {
            if (dosage.perDay().compareTo(BigDecimal.valueOf(d.maxDailyUnits())) > 0) {
                errors.add(new Problem.FieldError(at + "dosage.amount", "exceeds the maximum of " + d.maxDailyUnits() + " "
                        + d.form() + "(s) a day of " + d.genericName()));
            }
            BigDecimal course = dosage.course();
            if (errors.isEmpty() && BigDecimal.valueOf(r.quantity()).compareTo(course) > 0) {
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
                r.quantity(), dosage, r.instructions() == null ? "" : r.instructions()), List.of());
    }

    /**
     * Checks every requested item (each drug at most once) and answers the items, numbered from 1.
     *
     * @throws PrescriptionProblems.InvalidItems with every field error found
     */
    static List<PrescriptionItem> allOf(List<Requested> requested) {
        List<PrescriptionItem> items = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            Requested r = requested.get(i);
            if (!seen.add(r.drugCode())) {
                errors.add(new Problem.FieldError("items[" + i + "].drugCode", "appears twice in the prescription"));
                continue;
            }
            Result result = of(i, r);
            errors.addAll(result.errors());
            if (result.item() != null) {
                items.add(result.item());
            }
        }
        if (!errors.isEmpty()) {
            throw new PrescriptionProblems.InvalidItems(errors);
        }
        return List.copyOf(items);
    }

    record Result(PrescriptionItem item, List<Problem.FieldError> errors) {
    }
}
