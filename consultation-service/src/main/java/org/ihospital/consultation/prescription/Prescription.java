package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;
import org.ihospital.commons.signing.CanonicalJson;
import org.ihospital.consultation.signature.Signature;
import org.ihospital.consultation.signature.SigningKey;


/**
 * A signed electronic prescription: issued for a completed follow-up consultation, then revoked,
 * expired, or dispensed once. It owns its diagnoses and items, computes the content the doctor signs,
 * and records the events of its transitions.
 */
@Entity
@Table(name = "prescription")
public class Prescription implements EventSource {

    /** REVOCATION_REQUESTED: the doctor asked to revoke it and pharmacy-service, which decides dispensing, has not answered yet. */
    public enum Status {
        ISSUED, REVOCATION_REQUESTED, REVOKED, EXPIRED, DISPENSED
    }

    /** Who prescribes: the doctor and the licence the prescription carries. */
    public record Prescriber(UUID doctorId, String licence) {
    }

    /** For whom: the consultation, its patient, and what pharmacy and insurance need of the patient. */
    /** The patient as a prescription needs them: the record, the account (token subject) that owns it, region and allergies. */
    public record Patient(UUID consultationId, UUID patientId, String account, String region, List<PrescriptionEvents.Allergy> allergies) {
    }

    /** What is prescribed for what: the follow-up diagnoses and the checked items. */
    public record Treatment(List<String> diagnoses, List<PrescriptionItem> items) {
        public Treatment {
            diagnoses = List.copyOf(diagnoses);
            items = List.copyOf(items);
        }
    }

    /** When it was issued and until when it may be dispensed. */
    public record Validity(Instant issuedAt, Instant expiresAt) {
    }

    @Id
    private UUID id;
    @Column(name = "consultation_id")
    private UUID consultationId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Column(name = "doctor_licence")
    private String doctorLicence;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "prescription_diagnosis", joinColumns = @JoinColumn(name = "prescription_id"))
    @OrderColumn(name = "ordinal")
    @Column(name = "icd10")
    private List<String> diagnoses = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "prescription_item", joinColumns = @JoinColumn(name = "prescription_id"))
    @OrderBy("line")
    private List<PrescriptionItem> items = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "key_id")
    private UUID keyId;
    private String signature;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoke_reason")
    private String revokeReason;
    @Column(name = "renewal_of")
    private UUID renewalOf;
    @Version
    private int version;
    @Transient
    private final RecordedEvents events = new RecordedEvents();

    protected Prescription() {
    }

    /** Issues and signs a prescription with the doctor's key; records {@code prescription.issued} with what was signed. */
    static Prescription issue(Patient patient, Prescriber prescriber, Treatment treatment, Validity validity, SigningKey key) {
        Prescription p = new Prescription();
        p.id = UUID.randomUUID();
        p.consultationId = patient.consultationId();
        p.patientId = patient.patientId();
        p.doctorId = prescriber.doctorId();
        p.doctorLicence = prescriber.licence();
        p.diagnoses = new ArrayList<>(treatment.diagnoses());
        p.items = new ArrayList<>(treatment.items());
        p.status = Status.ISSUED;
        p.issuedAt = validity.issuedAt();
        p.expiresAt = validity.expiresAt();
        byte[] content = p.signedContent();
        Signature signed = key.signer().sign(content);
        p.keyId = signed.keyId();
        p.signature = signed.value();
        p.events.record(PrescriptionEvents.issued(p, patient, content, key.key()));
        return p;
    }

    /**
     * The doctor asks to withdraw it. pharmacy-service decides, as the authority on dispensing: it
     * confirms (nothing was or will be dispensed) or refuses (it was dispensed already).
     */
    void requestRevocation(String reason, Instant now) {
        if (status != Status.ISSUED) {
            throw new PrescriptionProblems.NotRevocable(id, status.name());
        }
        status = Status.REVOCATION_REQUESTED;
        revokeReason = reason;
        events.record(PrescriptionEvents.revocationRequested(this, reason, now));
    }

    /** pharmacy-service confirmed the revocation: revoked, never to be dispensed. A repeat changes nothing. */
    boolean revocationConfirmed(Instant now) {
        if (status != Status.REVOCATION_REQUESTED) {
            return false;
        }
        status = Status.REVOKED;
        revokedAt = now;
        events.record(PrescriptionEvents.revoked(this, revokeReason, now));
        return true;
    }

    /** pharmacy-service refused the revocation (it was dispensed): the prescription stands. */
    boolean revocationRefused() {
        if (status != Status.REVOCATION_REQUESTED) {
            return false;
        }
        status = Status.ISSUED;
        return true;
    }

    /** @return whether it expired now (it may have been revoked or dispensed before) */
    boolean expire(Instant now) {
        if (status != Status.ISSUED || now.isBefore(expiresAt)) {
            return false;
        }
        status = Status.EXPIRED;
        events.record(PrescriptionEvents.expired(this, now));
        return true;
    }

    /** It renews {@code previous}: the same medicines after a follow-up visit (a link, not part of what is signed). */
    void renews(UUID previous) {
        renewalOf = previous;
    }

    /** Only a course the patient had (dispensed) or never collected (expired) is renewed; a live or revoked one is not. */
    boolean renewable() {
        return status == Status.DISPENSED || status == Status.EXPIRED;
    }

    /** The partner pharmacy dispensed it: it can never be revoked or dispensed again. */
    boolean dispensed() {
        if (status != Status.ISSUED && status != Status.REVOCATION_REQUESTED) {
            return false;
        }
        status = Status.DISPENSED;
        return true;
    }

    /**
     * What the doctor's signature covers: every field that matters to the patient, the pharmacist and the
     * insurer, as RFC 8785 canonical JSON (decimals as strings, times in UTC to the microsecond, as
     * stored). Recomputed from the stored fields to verify, so altering any of them breaks the signature.
     */
    byte[] signedContent() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("prescriptionId", id.toString());
        doc.put("consultationId", consultationId.toString());
        doc.put("patientId", patientId.toString());
        doc.put("doctorId", doctorId.toString());
        doc.put("doctorLicence", doctorLicence);
        doc.put("diagnoses", List.copyOf(diagnoses));
        doc.put("issuedAt", issuedAt.toString());
        doc.put("expiresAt", expiresAt.toString());
        doc.put("items", items.stream().map(Prescription::signed).toList());
        return CanonicalJson.of(doc);
    }

    private static Map<String, Object> signed(PrescriptionItem i) {
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

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The doctor's signature as stored. */
    Signature signature() {
        return new Signature(keyId, signature);
    }

    @Override
    public List<PendingEvent> drainEvents() {
        return events.drain();
    }

    public UUID id() {
        return id;
    }

    public UUID renewalOf() {
        return renewalOf;
    }

    public UUID consultationId() {
        return consultationId;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public List<String> diagnoses() {
        return List.copyOf(diagnoses);
    }

    public List<PrescriptionItem> items() {
        return List.copyOf(items);
    }

    public Status status() {
        return status;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public UUID keyId() {
        return keyId;
    }

    public String revokeReason() {
        return revokeReason;
    }
}
