package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An allergy of the patient: a drug's generic name or ATC prefix, or a non-drug allergen. Resolved ones stay in the record. */
@Entity
@Table(name = "allergy")
public class Allergy {

    public enum Severity {
        MILD, MODERATE, SEVERE
    }

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    private String substance;
    private String reaction;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Severity severity;
    private boolean active;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected Allergy() {
    }

    static Allergy record(UUID patient, String substance, String reaction, Severity severity, String by, Instant now) {
        Allergy a = new Allergy();
        a.id = UUID.randomUUID();
        a.patientId = patient;
        a.substance = substance;
        a.reaction = reaction == null ? "" : reaction;
        a.severity = severity;
        a.active = true;
        a.recordedBy = by;
        a.recordedAt = now;
        return a;
    }

    void resolve() {
        active = false;
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public String substance() {
        return substance;
    }

    public String reaction() {
        return reaction;
    }

    public Severity severity() {
        return severity;
    }
}
