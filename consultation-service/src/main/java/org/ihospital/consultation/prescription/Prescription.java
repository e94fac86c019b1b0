package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A signed electronic prescription: issued, then revoked, expired, or dispensed once. */
@Entity
@Table(name = "prescription")
public class Prescription {

    public enum Status {
        ISSUED, REVOKED, EXPIRED, DISPENSED
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
    private String diagnoses;
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
    @Version
    private int version;

    protected Prescription() {
    }

    static Prescription issue(UUID id, UUID consultationId, UUID patientId, UUID doctorId, String doctorLicence, List<String> diagnoses,
            Instant issuedAt, Instant expiresAt, UUID keyId, String signature) {
        Prescription p = new Prescription();
        p.id = id;
        p.consultationId = consultationId;
        p.patientId = patientId;
        p.doctorId = doctorId;
        p.doctorLicence = doctorLicence;
        p.diagnoses = String.join(",", diagnoses);
        p.status = Status.ISSUED;
        p.issuedAt = issuedAt;
        p.expiresAt = expiresAt;
        p.keyId = keyId;
        p.signature = signature;
        return p;
    }

    void revoke(String reason, Instant now) {
        if (status != Status.ISSUED) {
            throw new PrescriptionProblems.NotRevocable(id, status.name());
        }
        status = Status.REVOKED;
        revokedAt = now;
        revokeReason = reason;
    }

    /** @return whether it expired now (it may have been revoked or dispensed before) */
    boolean expire(Instant now) {
        if (status != Status.ISSUED || now.isBefore(expiresAt)) {
            return false;
        }
        status = Status.EXPIRED;
        return true;
    }

    /** The partner pharmacy dispensed it: it can never be revoked or dispensed again. */
    boolean dispensed() {
        if (status != Status.ISSUED) {
            return false;
        }
        status = Status.DISPENSED;
        return true;
    }

    public UUID id() {
        return id;
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

    public String doctorLicence() {
        return doctorLicence;
    }

    public List<String> diagnoses() {
        return Arrays.asList(diagnoses.split(","));
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

    public String signature() {
        return signature;
    }

    public String revokeReason() {
        return revokeReason;
    }
}
