package org.ihospital.pharmacy.review;

import java.util.UUID;

import org.ihospital.commons.signing.AttestedKey;

/** What the review queue needs of {@code hospital.prescription.issued.v1}: the id, and what the doctor signed, with what. */
public record PrescriptionIssued(UUID prescriptionId, String signedContent, String signature, AttestedKey signingKey) {
}
