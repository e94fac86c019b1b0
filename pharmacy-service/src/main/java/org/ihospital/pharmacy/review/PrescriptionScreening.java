package org.ihospital.pharmacy.review;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.ihospital.contracts.ReferenceData;
import org.ihospital.contracts.ReferenceData.AllergyRelation;
import org.ihospital.contracts.ReferenceData.Drug;
import org.ihospital.contracts.ReferenceData.Severity;

/**
 * The automatic part of a pharmacist's review (处方前置审核): drug–drug interactions and duplicate therapy
 * between the items (contracts' {@code interactions.csv}, by ATC code), allergy conflicts with the
 * patient's active allergies ({@code allergy-classes.csv}, the generic names and ATC prefixes), and a dose
 * above the drug dictionary's usual daily maximum. It advises; the pharmacist decides.
 */
final class PrescriptionScreening {

    private static final Pattern ATC_PREFIX = Pattern.compile("[A-Z][0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?");

    private PrescriptionScreening() {
    }

    static List<Finding> screen(List<ReviewItem> items, List<PatientAllergy> allergies) {
        List<Finding> findings = new ArrayList<>();
        for (ReviewItem item : items) {
            var drug = ReferenceData.drug(item.drugCode());
            if (drug.isEmpty()) {
                findings.add(Finding.of(Finding.Kind.UNKNOWN_DRUG, Severity.MAJOR, List.of(item.line()),
                        item.drugCode() + " is not in the drug dictionary: dose, interactions and allergies could not be checked"));
                continue;
            }
            doseAboveMaximum(item, drug.get(), findings);
        }
        pairs(items, findings);
        for (PatientAllergy allergy : allergies) {
            for (ReviewItem item : items) {
                allergyConflict(allergy, item, findings);
            }
        }
        return List.copyOf(findings);
    }

    private static void doseAboveMaximum(ReviewItem item, Drug drug, List<Finding> findings) {
        BigDecimal perDay = item.unitsPerDay();
        if (perDay.compareTo(BigDecimal.valueOf(drug.maxDailyUnits())) > 0) {
            findings.add(Finding.of(Finding.Kind.DOSE_ABOVE_MAXIMUM, Severity.MAJOR, List.of(item.line()),
                    drug.genericName() + ": " + perDay.stripTrailingZeros().toPlainString() + " " + drug.form() + "(s) a day, above the usual maximum of "
                            + drug.maxDailyUnits()));
        }
    }

    /** Every pair of items, against every row of the table; one finding per pair and row. */
    private static void pairs(List<ReviewItem> items, List<Finding> findings) {
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                ReviewItem a = items.get(i);
                ReviewItem b = items.get(j);
                for (var pair : ReferenceData.drugPairs()) {
                    if (pair.matches(a.atc(), b.atc())) {
                        var kind = pair.kind() == ReferenceData.PairKind.INTERACTION ? Finding.Kind.INTERACTION : Finding.Kind.DUPLICATE_THERAPY;
                        findings.add(Finding.of(kind, pair.severity(), List.of(a.line(), b.line()),
                                a.genericName() + " + " + b.genericName() + ": " + pair.effectEn() + " (" + pair.effectZh() + ")"));
                    }
                }
            }
        }
    }

    private static void allergyConflict(PatientAllergy allergy, ReviewItem item, List<Finding> findings) {
        String substance = allergy.substance().strip();
        String lower = substance.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return;
        }
        Severity severity = severityOf(allergy.severity());
        var drug = ReferenceData.drug(item.drugCode());
        String name = item.genericName().toLowerCase(Locale.ROOT);
        // a name matches as a whole word or more (three letters or two Chinese characters at least), never "a" in everything
        boolean ascii = lower.chars().allMatch(c -> c < 128);
        boolean longEnough = ascii ? lower.length() >= 3 : substance.codePointCount(0, substance.length()) >= 2;
        boolean byName = longEnough && (name.contains(lower) || lower.contains(name)
                || drug.map(d -> d.genericNameZh().contains(substance) || substance.contains(d.genericNameZh())).orElse(false));
        String upper = substance.toUpperCase(Locale.ROOT);
        boolean byAtc = ATC_PREFIX.matcher(upper).matches() && item.atc().startsWith(upper);
        if (byName || byAtc) {
            findings.add(Finding.of(Finding.Kind.ALLERGY, severity, List.of(item.line()),
                    item.genericName() + ": the patient is allergic to " + substance + " (" + allergy.severity() + ")"));
            return;
        }
        for (var allergyClass : ReferenceData.allergyClasses()) {
            if (lower.contains(allergyClass.term()) && item.atc().startsWith(allergyClass.atcPrefix())) {
                boolean cross = allergyClass.relation() == AllergyRelation.CROSS_REACTIVE;
                findings.add(Finding.of(Finding.Kind.ALLERGY, severity, List.of(item.line()),
                        item.genericName() + ": the patient is allergic to " + substance + " (" + allergy.severity() + "); "
                                + (cross ? "cross-reactive: " : "") + allergyClass.note()));
                return;
            }
        }
    }

    /** The allergy's own severity carries over: a severe allergy makes a major finding. */
    private static Severity severityOf(String allergySeverity) {
        return switch (allergySeverity == null ? "" : allergySeverity) {
            case "MILD" -> Severity.MINOR;
            case "MODERATE" -> Severity.MODERATE;
            default -> Severity.MAJOR;
        };
    }
}
