package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A bookable time of a doctor. Its state changes (booked, held for a waitlisted patient, freed) are
 * conditional updates in {@link SlotRepository}, so that concurrent requests cannot both win; this class is the
 * read model of a slot.
 */
@Entity
@Table(name = "slot")
public class Slot {

    public enum Status {
        OPEN, HELD, BOOKED
    }

    @Id
    private UUID id;
    @Column(name = "doctor_id")
    private UUID doctorId;
    @Column(name = "schedule_id")
    private UUID scheduleId;
    private LocalDate day;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;

    protected Slot() {
    }

    static Slot open(Schedule schedule, Instant start, Instant end) {
        Slot slot = new Slot();
        slot.id = UUID.randomUUID();
        slot.doctorId = schedule.doctorId();
        slot.scheduleId = schedule.id();
        slot.day = schedule.day();
        slot.startsAt = start;
        slot.endsAt = end;
        slot.status = Status.OPEN;
        return slot;
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

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Status status() {
        return status;
    }
}
