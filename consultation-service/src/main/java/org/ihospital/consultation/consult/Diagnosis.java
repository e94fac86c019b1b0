package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A diagnosis the doctor recorded in a consultation, as an ICD-10 code from contracts/reference. Part of its consultation. */
@Entity
@Table(name = "diagnosis")
public class Diagnosis {

    @Id
    private UUID id;
    @Column(name = "consultation_id", insertable = false, updatable = false)
    private UUID consultationId;
    @Column(name = "patient_id")
    private UUID patientId;
    private String icd10;
    private String note;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected Diagnosis() {
    }

    static Diagnosis of(Consultation consultation, String icd10, String note, String by, Instant now) {
        Diagnosis d = new Diagnosis();
        d.id = UUID.randomUUID();
        d.consultationId = consultation.id();
        d.patientId = consultation.patientId();
        d.icd10 = icd10;
        d.note = note == null ? "" : note;
        d.recordedBy = by;
        d.recordedAt = now;
        return d;
    }

    public UUID id() {
        return id;
    }

    public String icd10() {
        return icd10;
    }

    public String note() {
        return note;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
