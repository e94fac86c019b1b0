package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The online consultation of one appointment: its conversation, diagnoses, and completion. */
@Entity
@Table(name = "consultation")
public class Consultation {

    public enum Status {
        OPEN, COMPLETED
    }

    @Id
    private UUID id;
    @Column(name = "appointment_id")
    private UUID appointmentId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Version
    private int version;

    protected Consultation() {
    }

    static Consultation open(UUID appointmentId, UUID patientId, UUID doctorId, Instant now) {
        Consultation c = new Consultation();
        c.id = UUID.randomUUID();
        c.appointmentId = appointmentId;
        c.patientId = patientId;
        c.doctorId = doctorId;
        c.status = Status.OPEN;
        c.openedAt = now;
        return c;
    }

    /** The patient or the doctor of this consultation. */
    public boolean hasParticipant(UUID party) {
        return patientId.equals(party) || doctorId.equals(party);
    }

    void requireOpen() {
        if (status != Status.OPEN) {
            throw new ConsultationProblems.AlreadyCompleted(id);
        }
    }

    void complete(long diagnoses, Instant now) {
        requireOpen();
        if (diagnoses == 0) {
            throw new ConsultationProblems.DiagnosisRequired(id);
        }
        status = Status.COMPLETED;
        completedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID appointmentId() {
        return appointmentId;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public Status status() {
        return status;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
