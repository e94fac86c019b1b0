package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;
import org.ihospital.contracts.ReferenceData;

/**
 * The online consultation of one appointment: opened by the visit's doctor, diagnosed with codes of the
 * hospital's ICD-10 list, and completed once at least one diagnosis is recorded.
 */
@Entity
@Table(name = "consultation")
public class Consultation implements EventSource {

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
    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @JoinColumn(name = "consultation_id", nullable = false, updatable = false)
    @OrderBy("recordedAt, id")
    private List<Diagnosis> diagnoses = new ArrayList<>();
    @Version
    private int version;
    @Transient
    private final RecordedEvents events = new RecordedEvents();

    protected Consultation() {
    }

    static Consultation open(UUID id, UUID appointmentId, UUID patientId, UUID doctorId, Instant now) {
        Consultation c = new Consultation();
        c.id = id;
        c.appointmentId = appointmentId;
        c.patientId = patientId;
        c.doctorId = doctorId;
        c.status = Status.OPEN;
        c.openedAt = now;
        return c;
    }

    void requireOpen() {
        if (status != Status.OPEN) {
            throw new ConsultationProblems.AlreadyCompleted(id);
        }
    }

    /**
     * The doctor records a diagnosis while the consultation is open.
     *
     * @throws UnknownIcd10Code when the code is not in the hospital's ICD-10 list
     */
    Diagnosis diagnose(String icd10, String note, String by, Instant now) {
        requireOpen();
        if (ReferenceData.icd10(icd10).isEmpty()) {
            throw new UnknownIcd10Code(icd10);
        }
        Diagnosis diagnosis = Diagnosis.of(this, icd10, note, by, now);
        diagnoses.add(diagnosis);
        return diagnosis;
    }

    /** Completes the visit: it needs at least one diagnosis, and is published with its codes. */
    void complete(Instant now) {
        requireOpen();
        if (diagnoses.isEmpty()) {
            throw new ConsultationProblems.DiagnosisRequired(id);
        }
        status = Status.COMPLETED;
        completedAt = now;
        events.record(new PendingEvent(ConsultationEvents.TOPIC, ConsultationEvents.COMPLETED, id.toString(),
                new ConsultationEvents.ConsultationCompleted(id, appointmentId, patientId, doctorId, codes(), completedAt)));
    }

    /** The ICD-10 codes diagnosed, each once, in the order they were recorded. */
    public List<String> codes() {
        return diagnoses.stream().map(Diagnosis::icd10).distinct().toList();
    }

    public List<Diagnosis> diagnoses() {
        return List.copyOf(diagnoses);
    }

    @Override
    public List<PendingEvent> drainEvents() {
        return events.drain();
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
