package org.ihospital.consultation.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A patient's booked follow-up visit with a doctor, in one slot. */
@Entity
@Table(name = "appointment")
public class Appointment {

    public enum Status {
        BOOKED, CANCELLED, NO_SHOW, COMPLETED
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
    @Version
    private int version;

    protected Appointment() {
    }

    static Appointment book(UUID slotId, UUID patientId, UUID doctorId, Instant startsAt, Instant endsAt, String reason, Instant now) {
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.slotId = slotId;
        a.patientId = patientId;
        a.doctorId = doctorId;
        a.startsAt = startsAt;
        a.endsAt = endsAt;
        a.reason = reason;
        a.status = Status.BOOKED;
        a.bookedAt = now;
        return a;
    }

    /**
     * Cancels a booked visit, as long as the change window is open.
     *
     * @return the slot that is now free
     */
    UUID cancel(String by, Instant now, Duration cutOff) {
        requireChangeable(now, cutOff);
        status = Status.CANCELLED;
        cancelledAt = now;
        cancelledBy = by;
        return slotId;
    }

    /** Moves the visit to another slot (already booked for it); returns the slot given up. */
    UUID moveTo(UUID newSlot, Instant newStart, Instant newEnd, Instant now, Duration cutOff) {
        requireChangeable(now, cutOff);
        UUID old = slotId;
        slotId = newSlot;
        startsAt = newStart;
        endsAt = newEnd;
        return old;
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
        status = Status.NO_SHOW;
    }

    private void requireChangeable(Instant now, Duration cutOff) {
        if (status != Status.BOOKED) {
            throw new AppointmentProblems.NotBooked(id, status);
        }
        if (!now.isBefore(startsAt.minus(cutOff))) {
            throw new AppointmentProblems.ChangeWindowClosed(id, cutOff);
        }
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
}
