package org.ihospital.consultation.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A patient's place in the queue for a doctor's day. When a slot of that day is freed, the first
 * waiting patient is offered it and it is held for them; accepting in time books it, and silence or a
 * decline passes it to the next in line.
 */
@Entity
@Table(name = "waitlist_entry")
public class WaitlistEntry {

    public enum Status {
        WAITING, OFFERED, ACCEPTED, DECLINED, EXPIRED, CANCELLED
    }

    @Id
    private UUID id;
    @Column(name = "doctor_id")
    private UUID doctorId;
    private LocalDate day;
    @Column(name = "patient_id")
    private UUID patientId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "joined_at")
    private Instant joinedAt;
    @Column(name = "offered_slot_id")
    private UUID offeredSlotId;
    @Column(name = "offer_expires_at")
    private Instant offerExpiresAt;
    @Column(name = "appointment_id")
    private UUID appointmentId;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Version
    private int version;

    protected WaitlistEntry() {
    }

    /** What joining depends on besides the place asked for: the day's free slots, the patient's visit that day, the calendar. */
    record Circumstances(long freeSlotsThatDay, boolean bookedWithTheDoctorThatDay, LocalDate today, int horizonDays) {
    }

    /**
     * @throws org.ihospital.commons.problem.InvalidField when the day is past or beyond the booking horizon
     * @throws WaitlistProblems.AlreadyBookedThatDay when the patient already has a visit with the doctor that day
     * @throws WaitlistProblems.FreeSlotsAvailable when the day still has free slots (book one instead)
     */
    static WaitlistEntry join(UUID doctorId, LocalDate day, UUID patientId, Circumstances now, Instant at) {
        if (day.isBefore(now.today()) || day.isAfter(now.today().plusDays(now.horizonDays()))) {
            throw new org.ihospital.commons.problem.InvalidField("day",
                    "must be between today and " + now.horizonDays() + " days ahead (the booking horizon)");
        }
        if (now.bookedWithTheDoctorThatDay()) {
            throw new WaitlistProblems.AlreadyBookedThatDay();
        }
        if (now.freeSlotsThatDay() > 0) {
            throw new WaitlistProblems.FreeSlotsAvailable();
        }
        WaitlistEntry entry = new WaitlistEntry();
        entry.id = UUID.randomUUID();
        entry.doctorId = doctorId;
        entry.day = day;
        entry.patientId = patientId;
        entry.status = Status.WAITING;
        entry.joinedAt = at;
        return entry;
    }

    void offer(UUID slotId, Instant expiresAt) {
        require(Status.WAITING);
        status = Status.OFFERED;
        offeredSlotId = slotId;
        offerExpiresAt = expiresAt;
    }

    /** @return the slot to book for the patient */
    UUID accept(Instant now) {
        require(Status.OFFERED);
        if (!now.isBefore(offerExpiresAt)) {
            throw new WaitlistProblems.OfferExpired(id);
        }
        return offeredSlotId;
    }

    /** The patient booked the slot held for them (by accepting, booking it directly, or moving a visit into it). */
    void booked(UUID appointment, Instant now) {
        require(Status.OFFERED);
        close(Status.ACCEPTED, now);
        appointmentId = appointment;
    }

    /** @return the slot the patient gives up */
    UUID decline(Instant now) {
        require(Status.OFFERED);
        return close(Status.DECLINED, now);
    }

    /** @return the slot whose hold ran out */
    UUID expire(Instant now) {
        require(Status.OFFERED);
        return close(Status.EXPIRED, now);
    }

    /** Leaves the queue; @return the slot held for the patient, if any, which passes to the next in line */
    UUID leave(Instant now) {
        if (status != Status.WAITING && status != Status.OFFERED) {
            throw new WaitlistProblems.NotInQueue(id, status);
        }
        return close(Status.CANCELLED, now);
    }

    private UUID close(Status to, Instant now) {
        UUID slot = offeredSlotId;
        status = to;
        offeredSlotId = null;
        offerExpiresAt = null;
        closedAt = now;
        return slot;
    }

    private void require(Status expected) {
        if (status != expected) {
            if (expected == Status.OFFERED && status == Status.EXPIRED) {
                throw new WaitlistProblems.OfferExpired(id);
            }
            throw new WaitlistProblems.NotOffered(id, status);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public LocalDate day() {
        return day;
    }

    public UUID patientId() {
        return patientId;
    }

    public Status status() {
        return status;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public UUID offeredSlotId() {
        return offeredSlotId;
    }

    public Instant offerExpiresAt() {
        return offerExpiresAt;
    }

    public UUID appointmentId() {
        return appointmentId;
    }
}
