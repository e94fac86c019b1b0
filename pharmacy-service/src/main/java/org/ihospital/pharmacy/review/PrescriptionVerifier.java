package org.ihospital.pharmacy.review;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;

import org.ihospital.commons.signing.HospitalKey;
import org.ihospital.commons.signing.SignatureCheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Verifies an issued prescription on pharmacy's own, trusting only the hospital's published keys: the
 * doctor's key must be attested by the hospital, belong to the prescribing doctor and be valid when the
 * prescription was issued, and the signature must hold over the signed content, which must be this
 * prescription. The doctor and the time are read from what was signed, never from the event's other fields;
 * so is the prescription the pharmacist reviews.
 */
final class PrescriptionVerifier {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** The verdict, and when it holds, the prescription as signed. */
    record Verification(boolean valid, String reason, SignedPrescription prescription) {

        static Verification invalid(String reason) {
            return new Verification(false, reason, null);
        }
    }

    private final SignatureCheck check;

    PrescriptionVerifier(Collection<HospitalKey> trusted) {
        this.check = new SignatureCheck(trusted);
    }

    Verification verify(PrescriptionIssued issued) {
        byte[] content;
        JsonNode signed;
        try {
            content = Base64.getDecoder().decode(issued.signedContent());
            signed = JSON.readTree(content);
        } catch (RuntimeException | java.io.IOException e) {
            return Verification.invalid("the signed content is not base64 JSON");
        }
        if (!issued.prescriptionId().toString().equals(signed.path("prescriptionId").asText())) {
            return Verification.invalid("the signed content is another prescription");
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(signed.path("issuedAt").asText());
        } catch (RuntimeException e) {
            return Verification.invalid("the signed content has no issue time");
        }
        var result = check.verify(content, issued.signature(), issued.signingKey(), signed.path("doctorId").asText(), issuedAt);
        if (!result.valid()) {
            return Verification.invalid(result.reason());
        }
        SignedPrescription prescription;
        try {
            prescription = JSON.treeToValue(signed, SignedPrescription.class);
        } catch (RuntimeException | java.io.IOException e) {
            return Verification.invalid("the signed content is not a prescription");
        }
        if (!prescription.complete()) {
            return Verification.invalid("the signed content is not a complete prescription");
        }
        return new Verification(true, null, prescription);
    }
}
