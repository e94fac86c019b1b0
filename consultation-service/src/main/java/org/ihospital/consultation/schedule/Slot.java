package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;

/**
 * A bookable time of a doctor. Its state changes (booked, held for a waitlisted patient, freed) are
 * conditional updates in {@link SlotRepository}, so that of two concurrent requests only one can win;
 * this class is the read model of a slot.
 */
@Entity
@Table(name = "slot")
@SqlResultSetMapping(name = Slot.TAKEN, classes = @ConstructorResult(targetClass = TakenSlot.class, columns = {
        @ColumnResult(name = "id", type = UUID.class), @ColumnResult(name = "doctor_id", type = UUID.class),
        @ColumnResult(name = "day", type = LocalDate.class), @ColumnResult(name = "starts_at", type = Instant.class),
        @ColumnResult(name = "ends_at", type = Instant.class) }))
public class Slot {

    static final String TAKEN = "TakenSlot";

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
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "held_for")
    private UUID heldFor;
    @Column(name = "held_until")
    private Instant heldUntil;

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

    TakenSlot facts() {
        return new TakenSlot(id, doctorId, day, startsAt, endsAt);
    }

    public UUID id() {
        return id;
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
