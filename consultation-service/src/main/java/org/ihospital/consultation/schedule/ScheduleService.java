package org.ihospital.consultation.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.doctor.DoctorRepository;
import org.ihospital.consultation.infrastructure.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScheduleService {

    public record NewSchedule(LocalDate day, LocalTime start, LocalTime end, int slotMinutes) {
    }

    static final class ScheduleOverlaps extends ProblemException {
        ScheduleOverlaps() {
            super("schedule-overlaps", 409, "Schedule overlaps", "The doctor already has slots in these hours");
        }
    }

    private final DoctorRepository doctors;
    private final SlotRepository slots;
    private final Clock clock;
    private final int horizonDays;

    public ScheduleService(DoctorRepository doctors, SlotRepository slots, Clock clock,
            @ConfigProperty(name = "hospital.booking.schedule-horizon-days", defaultValue = "90") int horizonDays) {
        this.doctors = doctors;
        this.slots = slots;
        this.clock = clock;
        this.horizonDays = horizonDays;
    }

    /** A doctor plans their own clinic hours; an operator may plan anyone's. */
    @WithTransaction
    public Uni<Schedule> create(Caller caller, UUID doctorId, NewSchedule plan) {
        return doctors.findById(doctorId)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("doctor", doctorId))
                .chain(doctor -> {
                    if (!caller.isOperator() && !doctor.isAccountOf(caller.subject())) {
                        return Uni.createFrom().failure(new ForbiddenException("only the doctor or an operator plans these hours"));
                    }
                    LocalDate today = LocalDate.now(clock);
                    if (plan.day().isBefore(today) || plan.day().isAfter(today.plusDays(horizonDays))) {
                        return Uni.createFrom().failure(new InvalidField("day", "must be between today and " + horizonDays + " days ahead"));
                    }
                    Schedule schedule;
                    try {
                        schedule = Schedule.plan(doctorId, plan.day(), plan.start(), plan.end(), plan.slotMinutes(), zone(),
                                caller.subject(), clock.instant());
                    } catch (IllegalArgumentException e) {
                        return Uni.createFrom().failure(new InvalidField("end", e.getMessage()));
                    }
                    return Panache.getSession()
                            .chain(s -> s.persist(schedule).chain(() -> s.persistAll(schedule.slots().toArray())).chain(s::flush))
                            .replaceWith(schedule);
                })
                .onFailure(e -> Constraints.violated(e, "slot_no_overlap")).transform(e -> new ScheduleOverlaps());
    }

    @WithSession
    public Uni<List<Slot>> freeSlots(UUID doctorId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone()).toInstant();
        return doctors.findById(doctorId)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("doctor", doctorId))
                .chain(d -> slots.free(doctorId, start, end));
    }

    @WithSession
    public Uni<List<Slot>> slotsOf(Schedule schedule) {
        return slots.list("scheduleId", io.quarkus.panache.common.Sort.by("startsAt"), schedule.id());
    }

    private ZoneId zone() {
        return clock.getZone();
    }
}
