package org.ihospital.pharmacy.review;

import java.util.List;
import java.util.UUID;

import org.ihospital.commons.signing.AttestedKey;

/**
 * What the review queue needs of {@code hospital.prescription.issued.v1}: the id, what the doctor signed,
 * with what, and the patient's active allergies, region and account (facts of the patient record, not of
 * the prescription, so not signed; the account is the token subject that may order it).
 */
public record PrescriptionIssued(UUID prescriptionId, String signedContent, String signature, AttestedKey signingKey,
        List<Allergy> allergies, String region, String patientAccount) {

    public record Allergy(String substance, String severity) {
    }
}
