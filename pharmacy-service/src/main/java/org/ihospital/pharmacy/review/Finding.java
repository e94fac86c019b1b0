package org.ihospital.pharmacy.review;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.ihospital.contracts.ReferenceData.Severity;

/**
 * What the automatic screening found in a prescription, shown to the pharmacist with the review: which
 * item lines it concerns, how much it matters, and why. Approving over any finding needs an override reason.
 */
@Embeddable
public record Finding(@Enumerated(EnumType.STRING) Kind kind, @Enumerated(EnumType.STRING) Severity severity, String lines, String detail) {

    public enum Kind {
        /** Two items interact. */
        INTERACTION,
        /** Two items of one therapeutic class. */
        DUPLICATE_THERAPY,
        /** An item the patient is allergic to, or that cross-reacts with an allergy. */
        ALLERGY,
        /** An item dosed above the dictionary's usual daily maximum. */
        DOSE_ABOVE_MAXIMUM,
        /** An item the drug dictionary does not know: nothing could be checked about it. */
        UNKNOWN_DRUG
    }

    static Finding of(Kind kind, Severity severity, List<Integer> lines, String detail) {
        return new Finding(kind, severity, lines.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")), detail);
    }

    /** The item lines it concerns, in order. */
    public List<Integer> lineNumbers() {
        return Arrays.stream(lines.split(",")).map(Integer::valueOf).toList();
    }
}
