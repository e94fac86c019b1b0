package org.ihospital.consultation.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;

/**
 * A patient's follow-up visit with a doctor, in one slot. It can be cancelled or moved while the change
 * window is open and its consultation has not begun; it belongs to its patient for good (no transfer).
 */
@Entity
@Table(name = "appointment")
public class Appointment implements EventSource {

    public enum Status {
        BOOKED, CANCELLED, NO_SHOW, COMPLETED
    }

    /** Who gave a visit up: told apart in the event, for the clinic's statistics. */
    public enum Party {
        PATIENT, DOCTOR
    }

    @Id
    private UUID id;
    @Column(name = "slot_id")
    private UUID slotId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String reason;
    @Column(name = "booked_at")
    private Instant bookedAt;
    @Column(name = "cancelled_at")
    private Instant cancelledAt;
    @Column(name = "cancelled_by")
    private String cancelledBy;
    @Column(name = "consultation_opened_at")
    private Instant consultationOpenedAt;
    @Column(name = "consultation_id")
    private UUID consultationId;
    @Version
    private int version;
    @Transient
    private final RecordedEvents events = new RecordedEvents();

    protected Appointment() {
    }

    /** Books a slot the caller has just taken for the patient. */
    static Appointment book(Visit visit, UUID patientId, String reason, Instant now) {
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.slotId = visit.slotId();
        a.patientId = patientId;
        a.doctorId = visit.doctorId();
        a.startsAt = visit.startsAt();
        a.endsAt = visit.endsAt();
        a.reason = reason;
        a.status = Status.BOOKED;
        a.bookedAt = now;
        a.events.record(AppointmentEvents.booked(a));
        return a;
    }

    /**
     * Cancels a booked visit, as long as the change window is open and the consultation has not begun.
     *
     * @return the slot that is now free
     */
    UUID cancel(String by, Party party, Instant now, Duration cutOff) {
        requireChangeable(now, cutOff);
        status = Status.CANCELLED;
        cancelledAt = now;
        cancelledBy = by;
        events.record(AppointmentEvents.cancelled(this, party, now));
        return slotId;
    }

    /** Moves the visit to another slot of the same doctor (already taken for it); returns the slot given up. */
    UUID moveTo(Visit to, Instant now, Duration cutOff) {
        if (!to.doctorId().equals(doctorId)) {
            throw new AppointmentProblems.RescheduleToAnotherDoctor();
        }
        requireChangeable(now, cutOff);
        UUID old = slotId;
        slotId = to.slotId();
        startsAt = to.startsAt();
        endsAt = to.endsAt();
        events.record(AppointmentEvents.rescheduled(this, old, now));
        return old;
    }

    /** The doctor opened the online consultation of this visit: from now on it can no longer be cancelled or moved. */
    /**
     * The visit's consultation is opened as {@code proposed}, unless one was opened before: the answer is
     * the visit's consultation either way (opening twice is not an error, it finds the first).
     */
    UUID consultationOpened(UUID proposed, Instant now) {
        if (consultationId != null) {
            return consultationId;
        }
        if (status != Status.BOOKED) {
            throw new AppointmentProblems.NotBooked(id, status);
        }
        consultationId = proposed;
        consultationOpenedAt = now;
        return consultationId;
    }

    /** The consultation of this visit was completed. */
    void complete() {
        if (status == Status.BOOKED) {
            status = Status.COMPLETED;
        }
    }

    /** The doctor records that the patient did not come; only once the visit has begun. */
    void markNoShow(Instant now) {
        if (status != Status.BOOKED) {
            throw new AppointmentProblems.NotBooked(id, status);
        }
        if (now.isBefore(startsAt)) {
            throw new AppointmentProblems.NotStartedYet(id);
        }
        if (consultationOpenedAt != null) {
            throw new AppointmentProblems.ConsultationUnderway(id);
        }
        status = Status.NO_SHOW;
    }

    private void requireChangeable(Instant now, Duration cutOff) {
        if (status != Status.BOOKED) {
            throw new AppointmentProblems.NotBooked(id, status);
        }
        if (consultationOpenedAt != null) {
            throw new AppointmentProblems.ConsultationUnderway(id);
        }
        if (!now.isBefore(startsAt.minus(cutOff))) {
            throw new AppointmentProblems.ChangeWindowClosed(id, cutOff);
        }
    }

    @Override
    public List<PendingEvent> drainEvents() {
        return events.drain();
    }

    public UUID id() {
        return id;
    }

    public UUID slotId() {
        return slotId;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Instant bookedAt() {
        return bookedAt;
    }

    /** The visit's consultation, once opened. */
    public UUID consultationId() {
        return consultationId;
    }

    public Instant consultationOpenedAt() {
        return consultationOpenedAt;
    }
}
