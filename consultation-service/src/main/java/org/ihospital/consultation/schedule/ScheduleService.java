package org.ihospital.consultation.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.doctor.DoctorFacts;
import org.ihospital.consultation.doctor.DoctorQueries;
import org.ihospital.consultation.infrastructure.ConsultationConfig;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/**
 * Doctors' clinic hours and their slots: planning, the free slots patients choose from, and the slot
 * transitions that bookings and the waitlist ask for (in their transaction).
 */
@ApplicationScoped
public class ScheduleService {

    public record NewSchedule(LocalDate day, LocalTime start, LocalTime end, int slotMinutes) {
    }

    static final class ScheduleOverlaps extends ProblemException {
        ScheduleOverlaps() {
            super("schedule-overlaps", 409, "Schedule overlaps", "The doctor already has slots in these hours");
        }
    }

    private final DoctorQueries doctors;
    private final SlotRepository slots;
    private final ScheduleRepository schedules;
    private final Clock clock;
    private final int horizonDays;

    public ScheduleService(DoctorQueries doctors, SlotRepository slots, ScheduleRepository schedules, Clock clock,
            ConsultationConfig config) {
        this.doctors = doctors;
        this.slots = slots;
        this.schedules = schedules;
        this.clock = clock;
        this.horizonDays = config.booking().scheduleHorizonDays();
    }

    /** A doctor plans their own clinic hours; an operator may plan anyone's. */
    @WithTransaction
    public Uni<PlannedSchedule> create(Caller caller, UUID doctorId, NewSchedule plan) {
        return doctor(doctorId)
                .chain(doctor -> {
                    if (!caller.isOperator() && !(caller.isDoctor() && doctor.isAccountOf(caller.subject()))) {
                        return Uni.createFrom().failure(new ForbiddenException("only the doctor or an operator plans these hours"));
                    }
                    LocalDate today = LocalDate.now(clock);
                    if (plan.day().isBefore(today) || plan.day().isAfter(today.plusDays(horizonDays))) {
                        return Uni.createFrom().failure(new InvalidField("day", "must be between today and " + horizonDays + " days ahead"));
                    }
                    Schedule schedule = Schedule.plan(doctorId, plan.day(), plan.start(), plan.end(), plan.slotMinutes(), zone(),
                            caller.subject(), clock.instant());
                    List<Slot> cut = schedule.slots();
                    return schedules.persist(schedule).chain(() -> slots.persist(cut.stream()))
                            .chain(() -> slots.flush())
                            .replaceWith(new PlannedSchedule(schedule, cut));
                })
                .onFailure(e -> Constraints.violated(e, "slot_no_overlap")).transform(e -> new ScheduleOverlaps());
    }

    /** The doctor's free slots from one day to another (inclusive), earliest first; from today when no start is given. */
    @WithSession
    public Uni<List<FreeSlot>> freeSlots(UUID doctorId, LocalDate from, LocalDate to) {
        LocalDate start = from == null ? LocalDate.now(clock) : from;
        LocalDate end = to == null ? start.plusDays(13) : to;
        if (end.isBefore(start) || start.plusDays(31).isBefore(end)) {
            return Uni.createFrom().failure(new InvalidField("to", "must be on or after 'from' and at most 31 days later"));
        }
        return doctor(doctorId).chain(d -> slots.free(doctorId, start.atStartOfDay(zone()).toInstant(),
                end.plusDays(1).atStartOfDay(zone()).toInstant(), clock.instant()));
    }

    // The slot transitions of neighbours (bookings, the waitlist), each in the caller's transaction.

    /** Books a free slot, or one held for this patient; empty when it is not free (or does not exist). */
    public Uni<Optional<TakenSlot>> take(UUID slotId, UUID patientId) {
        return slots.take(slotId, patientId, clock.instant());
    }

    public Uni<Optional<TakenSlot>> find(UUID slotId) {
        return slots.findById(slotId).map(slot -> Optional.ofNullable(slot).map(Slot::facts));
    }

    /** Holds a slot just given up by its visit for a waitlisted patient until {@code until}. */
    public Uni<Boolean> holdFreed(UUID slotId, UUID patientId, Instant until) {
        return slots.holdFreed(slotId, patientId, until);
    }

    /** Passes a slot held for {@code from} to {@code to}; false when it is no longer held for {@code from}. */
    public Uni<Boolean> passHold(UUID slotId, UUID from, UUID to, Instant until) {
        return slots.passHold(slotId, from, to, until);
    }

    public Uni<Boolean> openFreed(UUID slotId) {
        return slots.openFreed(slotId);
    }

    public Uni<Boolean> openHeld(UUID slotId, UUID from) {
        return slots.openHeld(slotId, from);
    }

    /** How many slots of a doctor's day are still free to book; 404 for an unknown doctor. */
    public Uni<Long> freeOn(UUID doctorId, LocalDate day) {
        return doctor(doctorId).chain(doctor -> slots.countFree(doctorId, day, clock.instant()));
    }

    private Uni<DoctorFacts> doctor(UUID doctorId) {
        return doctors.find(doctorId).map(found -> found.orElseThrow(() -> new ResourceNotFound("doctor", doctorId)));
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    /** A schedule and the slots it was cut into. */
    public record PlannedSchedule(Schedule schedule, List<Slot> slots) {
    }
}
