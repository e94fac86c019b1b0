package org.ihospital.pharmacy.review;

import jakarta.persistence.Embeddable;

/** An active allergy of the patient as the issued prescription reported it: a drug, a drug class or another allergen. */
@Embeddable
public record PatientAllergy(String substance, String severity) {
}
