package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.signing.CanonicalJson;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.TestSigning;
import org.ihospital.contracts.EventContracts;
import org.ihospital.contracts.ReferenceData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Issued prescriptions as consultation-service makes them: the canonical content a doctor signs (its
 * items from the drug dictionary), signed with a key the test hospital attested, and the
 * {@code prescription.issued} event around it, checked against the contract.
 */
public final class IssuedPrescriptions {

    static final Instant KEY_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant KEY_UNTIL = Instant.parse("2099-01-01T00:00:00Z");
    static final String TOPIC = "consultation.prescriptions";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** An item: a dictionary drug, how many units, and its dose (amount per take, frequency, days). */
    public record Line(String drugCode, int quantity, String amount, String frequency, int days) {
    }

    public static Line line(String drugCode, int quantity, String amount, String frequency, int days) {
        return new Line(drugCode, quantity, amount, frequency, days);
    }

    /** The usual: amlodipine 5 mg once a day for 30 days. */
    public static Line amlodipine() {
        return line("AMLODIPINE-5MG-TAB", 30, "1", "QD", 30);
    }

    public static Builder prescription(Line... lines) {
        return new Builder(List.of(lines));
    }

    public static final class Builder {
        public UUID prescriptionId = UUID.randomUUID();
        public UUID patientId = UUID.randomUUID();
        UUID doctorId = UUID.randomUUID();
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);
        Instant expiresAt = issuedAt.plus(3, ChronoUnit.DAYS);
        String region = "310104";
        String patientAccount;
        final List<Line> lines;
        final List<PrescriptionIssued.Allergy> allergies = new ArrayList<>();
        TestSigning.DoctorKey key;

        private Builder(List<Line> lines) {
            this.lines = lines;
        }

        public Builder allergy(String substance, String severity) {
            allergies.add(new PrescriptionIssued.Allergy(substance, severity));
            return this;
        }

        /** The account (token subject) that owns the patient record: who may order it. */
        public Builder account(String subject) {
            this.patientAccount = subject;
            return this;
        }

        public Builder patient(UUID patient) {
            this.patientId = patient;
            return this;
        }

        public Builder expiresAt(Instant at) {
            this.expiresAt = at;
            return this;
        }

        /** Signed with a key the hospital did not attest (a forgery). */
        public Builder forged() {
            key = TestSigning.doctorKey(doctorId.toString(), KEY_FROM, KEY_UNTIL, TestSigning.strangerPrivateKey());
            return this;
        }

        private TestSigning.DoctorKey key() {
            if (key == null) {
                key = TestSigning.doctorKey(doctorId.toString(), KEY_FROM, KEY_UNTIL);
            }
            return key;
        }

        /** What the doctor signs: the prescription as RFC 8785 canonical JSON, as consultation-service writes it. */
        byte[] signedContent() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("prescriptionId", prescriptionId.toString());
            doc.put("consultationId", UUID.nameUUIDFromBytes(prescriptionId.toString().getBytes()).toString());
            doc.put("patientId", patientId.toString());
            doc.put("doctorId", doctorId.toString());
            doc.put("doctorLicence", "110000000000001");
            doc.put("diagnoses", List.of("I10"));
            doc.put("issuedAt", issuedAt.toString());
            doc.put("expiresAt", expiresAt.toString());
            doc.put("items", items(true));
            return CanonicalJson.of(doc);
        }

        private List<Map<String, Object>> items(boolean signed) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                var drug = ReferenceData.drug(l.drugCode());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", i + 1);
                m.put("drugCode", l.drugCode());
                m.put("genericName", drug.map(ReferenceData.Drug::genericName).orElse("unknown"));
                m.put("form", drug.map(ReferenceData.Drug::form).orElse("tablet"));
                m.put("strength", drug.map(d -> d.strength().stripTrailingZeros().toPlainString()).orElse("1"));
                m.put("strengthUnit", drug.map(ReferenceData.Drug::strengthUnit).orElse("mg"));
                m.put("atc", drug.map(ReferenceData.Drug::atc).orElse("Z99ZZ99"));
                m.put("quantity", l.quantity());
                m.put("dose", Map.of("amount", l.amount(), "frequency", l.frequency(), "days", l.days()));
                if (signed) {
                    m.put("instructions", "");
                }
                items.add(m);
            }
            return items;
        }

        /** The event's data as the handler reads it. */
        PrescriptionIssued issued() {
            byte[] content = signedContent();
            return new PrescriptionIssued(prescriptionId, Base64.getEncoder().encodeToString(content), key().sign(content), key().attested(),
                    List.copyOf(allergies), region, patientAccount);
        }

        /** The whole {@code hospital.prescription.issued.v1} data, conforming to the contract. */
        String eventJson() {
            byte[] content = signedContent();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("prescriptionId", prescriptionId);
            data.put("consultationId", UUID.nameUUIDFromBytes(prescriptionId.toString().getBytes()));
            data.put("patientId", patientId);
            data.put("patientAccount", patientAccount);
            data.put("doctorId", doctorId);
            data.put("issuedAt", issuedAt);
            data.put("expiresAt", expiresAt);
            data.put("diagnoses", List.of("I10"));
            data.put("region", region);
            data.put("allergies", allergies);
            data.put("items", items(false));
            data.put("signedContent", Base64.getEncoder().encodeToString(content));
            data.put("signature", key().sign(content));
            data.put("signingKey", key().attested());
            try {
                String json = JSON.writeValueAsString(data);
                assertThat(EventContracts.violations("hospital.prescription.issued.v1", json)).isEmpty();
                return json;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Publishes it on consultation-service's topic as a CloudEvent, as its relay would; answers the event id. */
        public UUID publish() {
            UUID eventId = UUID.randomUUID();
            KafkaProbe.send(TOPIC, prescriptionId.toString(), eventJson(), cloudEvent(eventId, "hospital.prescription.issued.v1"));
            return eventId;
        }

        /** Publishes its expiry, as consultation-service would. */
        public void publishExpired() {
            KafkaProbe.send(TOPIC, prescriptionId.toString(), """
                    {"prescriptionId":"%s","patientId":"%s","expiredAt":"%s"}"""
                    .formatted(prescriptionId, patientId, Instant.now()), cloudEvent(UUID.randomUUID(), "hospital.prescription.expired.v1"));
        }

        /** Publishes the doctor's request to revoke it, as consultation-service would. */
        public void publishRevocationRequested() {
            String data = """
                    {"prescriptionId":"%s","patientId":"%s","reason":"dose changed","requestedAt":"%s"}"""
                    .formatted(prescriptionId, patientId, Instant.now());
            assertThat(EventContracts.violations("hospital.prescription.revocation-requested.v1", data)).isEmpty();
            KafkaProbe.send(TOPIC, prescriptionId.toString(), data, cloudEvent(UUID.randomUUID(), "hospital.prescription.revocation-requested.v1"));
        }

        /** Publishes its revocation, as consultation-service would. */
        public void publishRevoked() {
            KafkaProbe.send(TOPIC, prescriptionId.toString(), """
                    {"prescriptionId":"%s","patientId":"%s","reason":"dose changed","revokedAt":"%s"}"""
                    .formatted(prescriptionId, patientId, Instant.now()), cloudEvent(UUID.randomUUID(), "hospital.prescription.revoked.v1"));
        }

        private Map<String, String> cloudEvent(UUID id, String type) {
            return Map.of("ce_specversion", "1.0", "ce_id", id.toString(), "ce_source", "/ihospital/consultation-service",
                    "ce_type", type, "ce_subject", prescriptionId.toString(), "ce_time", Instant.now().toString(),
                    "content-type", "application/json");
        }
    }

    private IssuedPrescriptions() {
    }
}
