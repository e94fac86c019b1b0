package org.ihospital.consultation.refill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.consultation.schedule.FreeSlot;

/**
 * A dispensed chronic prescription's supply, followed until the doctor renews it: TRACKING until the day
 * to remind, REMINDED (once, with a follow-up slot suggested when the doctor has one), RENEWED.
 */
@Entity
@Table(name = "refill")
public class Refill {

    public enum Status {
        TRACKING, REMINDED, RENEWED
    }

    @Id
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Column(name = "dispensed_at")
    private Instant dispensedAt;
    @Column(name = "runs_out_on")
    private LocalDate runsOutOn;
    @Column(name = "remind_on")
    private LocalDate remindOn;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "reminded_at")
    private Instant remindedAt;
    @Column(name = "suggested_slot_id")
    private UUID suggestedSlotId;
    @Column(name = "suggested_slot_at")
    private Instant suggestedSlotAt;
    @Column(name = "renewed_by")
    private UUID renewedBy;

    protected Refill() {
    }

    static Refill track(UUID prescription, UUID patient, UUID doctor, Instant dispensedAt, Supply supply) {
        Refill r = new Refill();
        r.prescriptionId = prescription;
        r.patientId = patient;
        r.doctorId = doctor;
        r.dispensedAt = dispensedAt;
        r.runsOutOn = supply.runsOutOn();
        r.remindOn = supply.remindOn();
        r.status = Status.TRACKING;
        return r;
    }

    /** @return whether the reminder is to be sent now (once: a renewed or reminded one is not) */
    boolean remind(Instant now, FreeSlot suggested) {
        if (status != Status.TRACKING) {
            return false;
        }
        status = Status.REMINDED;
        remindedAt = now;
        if (suggested != null) {
            suggestedSlotId = suggested.id();
            suggestedSlotAt = suggested.startsAt();
        }
        return true;
    }

    public UUID prescriptionId() {
        return prescriptionId;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID doctorId() {
        return doctorId;
    }

    public Instant dispensedAt() {
        return dispensedAt;
    }

    public LocalDate runsOutOn() {
        return runsOutOn;
    }

    public LocalDate remindOn() {
        return remindOn;
    }

    public Status status() {
        return status;
    }

    public Instant remindedAt() {
        return remindedAt;
    }

    public UUID suggestedSlotId() {
        return suggestedSlotId;
    }

    public Instant suggestedSlotAt() {
        return suggestedSlotAt;
    }

    public UUID renewedBy() {
        return renewedBy;
    }
}
