package org.ihospital.pharmacy.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The prescription as the doctor signed it (the decoded signed content): what a pharmacist reviews and
 * what is dispensed are read from here, never from the event's unsigned copies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SignedPrescription(UUID prescriptionId, UUID patientId, UUID doctorId, Instant issuedAt, Instant expiresAt,
        List<Item> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(int line, String drugCode, String genericName, String atc, int quantity, Dose dose) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dose(BigDecimal amount, String frequency, int days) {
    }

    /** Whether it has everything a review needs; what the doctor signed is complete unless it was made by hand. */
    boolean complete() {
        return prescriptionId != null && patientId != null && doctorId != null && issuedAt != null && expiresAt != null
                && items != null && !items.isEmpty()
                && items.stream().allMatch(i -> i != null && i.line() > 0 && i.drugCode() != null && i.genericName() != null
                        && i.atc() != null && i.quantity() > 0 && i.dose() != null && i.dose().amount() != null
                        && i.dose().amount().signum() > 0 && i.dose().frequency() != null && i.dose().days() > 0);
    }
}
