package org.ihospital.consultation.clinicalrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.contracts.ReferenceData;

/** A medicine the patient takes (prescribed here or elsewhere). Stopped ones stay in the record. */
@Entity
@Table(name = "medication")
public class Medication {

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    private String name;
    @Column(name = "drug_code")
    private String drugCode;
    private String dosage;
    private LocalDate since;
    private boolean active;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected Medication() {
    }

    /** @throws InvalidField when a drug code is given that is not one of the dictionary */
    static Medication record(UUID patient, String name, String drugCode, String dosage, LocalDate since, String by, Instant now) {
        if (drugCode != null && ReferenceData.drug(drugCode).isEmpty()) {
            throw new InvalidField("drugCode", "not a code of the drug dictionary");
        }
        Medication m = new Medication();
        m.id = UUID.randomUUID();
        m.patientId = patient;
        m.name = name;
        m.drugCode = drugCode;
        m.dosage = dosage == null ? "" : dosage;
        m.since = since;
        m.active = true;
        m.recordedBy = by;
        m.recordedAt = now;
        return m;
    }

    void stop() {
        active = false;
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public String name() {
        return name;
    }

    public String drugCode() {
        return drugCode;
    }

    public String dosage() {
        return dosage;
    }

    public LocalDate since() {
        return since;
    }
}
