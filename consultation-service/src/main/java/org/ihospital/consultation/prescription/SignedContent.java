package org.ihospital.consultation.prescription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the doctor's signature covers: every field of the prescription that matters to the patient,
 * the pharmacist and the insurer, as RFC 8785 canonical JSON (decimals as strings, times in UTC to
 * the microsecond, as stored). Rebuilt from the stored fields to verify, so altering any of them
 * breaks the signature.
 */
public final class SignedContent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedContent() {
    }

    static byte[] canonical(UUID id, UUID consultationId, UUID patientId, UUID doctorId, String doctorLicence, List<String> diagnoses,
            Instant issuedAt, Instant expiresAt, List<PrescriptionItem> items) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("prescriptionId", id.toString());
        doc.put("consultationId", consultationId.toString());
        doc.put("patientId", patientId.toString());
        doc.put("doctorId", doctorId.toString());
        doc.put("doctorLicence", doctorLicence);
        doc.put("diagnoses", diagnoses);
        doc.put("issuedAt", issuedAt.toString());
        doc.put("expiresAt", expiresAt.toString());
        doc.put("items", items.stream().map(SignedContent::item).toList());
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(doc)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> item(PrescriptionItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", i.line());
        m.put("drugCode", i.drugCode());
        m.put("genericName", i.genericName());
        m.put("form", i.form());
        m.put("strength", plain(i.strength()));
        m.put("strengthUnit", i.strengthUnit());
        m.put("atc", i.atc());
        m.put("quantity", i.quantity());
        m.put("dose", Map.of("amount", plain(i.dosage().amount()), "frequency", i.dosage().frequency().name(), "days", i.dosage().days()));
        m.put("instructions", i.instructions());
        return m;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
