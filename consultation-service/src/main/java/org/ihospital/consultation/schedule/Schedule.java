package org.ihospital.consultation.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.problem.InvalidField;

/** A doctor's clinic hours on one day, cut into equal slots; what is left at the end is not a slot. */
@Entity
@Table(name = "schedule")
public class Schedule {

    @Id
    private UUID id;
    @Column(name = "doctor_id")
    private UUID doctorId;
    private LocalDate day;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @Column(name = "slot_minutes")
    private int slotMinutes;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Schedule() {
    }

    /**
     * @throws InvalidField when the hours are empty, reversed, shorter than one slot, or begin in the past
     */
    static Schedule plan(UUID doctorId, LocalDate day, LocalTime start, LocalTime end, int slotMinutes, ZoneId zone,
            String createdBy, Instant now) {
        if (!start.isBefore(end)) {
            throw new InvalidField("end", "the start must be before the end");
        }
        if (Duration.between(start, end).toMinutes() < slotMinutes) {
            throw new InvalidField("end", "the hours are shorter than one slot");
        }
        if (ZonedDateTime.of(day, start, zone).toInstant().isBefore(now)) {
            throw new InvalidField("start", "the hours must not begin in the past");
        }
        Schedule schedule = new Schedule();
        schedule.id = UUID.randomUUID();
        schedule.doctorId = doctorId;
        schedule.day = day;
        schedule.startsAt = ZonedDateTime.of(day, start, zone).toInstant();
        schedule.endsAt = ZonedDateTime.of(day, end, zone).toInstant();
        schedule.slotMinutes = slotMinutes;
        schedule.createdBy = createdBy;
        schedule.createdAt = now;
        return schedule;
    }

    List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        Duration length = Duration.ofMinutes(slotMinutes);
        for (Instant at = startsAt; !at.plus(length).isAfter(endsAt); at = at.plus(length)) {
            slots.add(Slot.open(this, at, at.plus(length)));
        }
        return slots;
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

    public int slotMinutes() {
        return slotMinutes;
    }
}
