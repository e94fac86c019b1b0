package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.consultation.consult.UnknownIcd10Code;
import org.ihospital.contracts.ReferenceData;

/**
 * A diagnosis made outside this hospital's online service (an earlier offline visit, another hospital):
 * what can make a later online visit a follow-up. When it was diagnosed, and when and by whom it was
 * recorded here, are kept apart: the follow-up rule looks at the recording.
 */
@Entity
@Table(name = "patient_condition")
public class Condition {

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    private String icd10;
    @Column(name = "diagnosed_on")
    private LocalDate diagnosedOn;
    private String source;
    private String note;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected Condition() {
    }

    /**
     * @throws UnknownIcd10Code when the code is not in the hospital's ICD-10 list
     * @throws InvalidField     when it was diagnosed in the future
     */
    static Condition record(UUID patient, String icd10, LocalDate diagnosedOn, String source, String note, String by, Instant now,
            LocalDate today) {
        if (ReferenceData.icd10(icd10).isEmpty()) {
            throw new UnknownIcd10Code(icd10);
        }
        if (diagnosedOn.isAfter(today)) {
            throw new InvalidField("diagnosedOn", "must not be in the future");
        }
        Condition c = new Condition();
        c.id = UUID.randomUUID();
        c.patientId = patient;
        c.icd10 = icd10;
        c.diagnosedOn = diagnosedOn;
        c.source = source;
        c.note = note == null ? "" : note;
        c.recordedBy = by;
        c.recordedAt = now;
        return c;
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public String icd10() {
        return icd10;
    }

    public LocalDate diagnosedOn() {
        return diagnosedOn;
    }

    public String source() {
        return source;
    }

    public String note() {
        return note;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
