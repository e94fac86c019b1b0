package org.ihospital.consultation.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.appointment.AppointmentProblems;
import org.ihospital.consultation.appointment.AppointmentQueries;
import org.ihospital.consultation.appointment.AppointmentService;
import org.ihospital.consultation.appointment.SlotHandover;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.schedule.ScheduleService;
import org.ihospital.consultation.schedule.TakenSlot;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The waitlist (候补): who waits for which doctor's day, offers of freed slots, and their expiry. It is
 * the {@link SlotHandover} of appointments: a slot a visit gives up goes to the first patient waiting,
 * and a held slot its patient books serves their place.
 */
@ApplicationScoped
public class WaitlistService implements SlotHandover {

    private static final Logger LOG = Logger.getLogger(WaitlistService.class);

    private final WaitlistRepository entries;
    private final PartyService parties;
    private final ScheduleService schedule;
    private final AppointmentService appointments;
    private final Clock clock;
    private final Duration hold;
    private final AppointmentQueries visits;
    private final int horizonDays;

    public WaitlistService(WaitlistRepository entries, PartyService parties, ScheduleService schedule,
            AppointmentService appointments, AppointmentQueries visits, Clock clock, ConsultationConfig config) {
        this.entries = entries;
        this.parties = parties;
        this.schedule = schedule;
        this.appointments = appointments;
        this.clock = clock;
        this.hold = config.waitlist().hold();
        this.visits = visits;
        this.horizonDays = config.booking().scheduleHorizonDays();
    }

    @WithTransaction
    public Uni<WaitlistEntry> join(Caller caller, UUID doctorId, LocalDate day) {
        Instant dayStart = day.atStartOfDay(clock.getZone()).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return schedule.freeOn(doctorId, day)
                .chain(free -> parties.patientOrNobody(caller).chain(patient -> visits.hasBookedVisit(patient, doctorId, dayStart, dayEnd)
                        .map(booked -> WaitlistEntry.join(doctorId, day, patient,
                                new WaitlistEntry.Circumstances(free, booked, LocalDate.now(clock), horizonDays), clock.instant()))))
                .chain(entry -> entries.persistAndFlush(entry))
                .onFailure(e -> Constraints.violated(e, "waitlist_one_live_place")).transform(e -> new WaitlistProblems.AlreadyWaiting());
    }

    @WithSession
    public Uni<List<WaitlistEntry>> mine(Caller caller) {
        return parties.patientOrNobody(caller).chain(entries::live);
    }

    /** Accepting an offer in time books the held slot (which serves the place); the entry's row lock orders it against expiry. */
    @WithTransaction
    public Uni<WaitlistEntry> accept(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> {
            UUID slot = entry.accept(clock.instant());
            return appointments.bookFor(slot, entry.patientId(), "waitlist")
                    .onFailure(AppointmentProblems.SlotAlreadyTaken.class).transform(e -> new WaitlistProblems.OfferExpired(entryId))
                    .replaceWith(entry);
        });
    }

    @WithTransaction
    public Uni<WaitlistEntry> decline(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> handOn(entry.decline(clock.instant()), entry.patientId()).replaceWith(entry));
    }

    @WithTransaction
    public Uni<WaitlistEntry> leave(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> {
            UUID slot = entry.leave(clock.instant());
            return (slot == null ? Uni.createFrom().voidItem() : handOn(slot, entry.patientId())).replaceWith(entry);
        });
    }

    @Override
    public Uni<Void> released(UUID slotId) {
        return handOn(slotId, null);
    }

    @Override
    public Uni<Void> booked(UUID slotId, UUID patientId, UUID appointmentId) {
        return entries.offerOf(patientId, slotId).invoke(entry -> {
            if (entry != null) {
                entry.booked(appointmentId, clock.instant());
            }
        }).replaceWithVoid();
    }

    /**
     * A slot goes to the next in line, or opens when nobody waits: a slot a visit gave up ({@code from} null)
     * or one whose hold for {@code from} ended (declined, expired, left).
     */
    private Uni<Void> handOn(UUID slotId, UUID from) {
        return schedule.find(slotId).chain(found -> nextInLine(found.orElseThrow()).chain(next -> {
            if (next == null) {
                return (from == null ? schedule.openFreed(slotId) : schedule.openHeld(slotId, from)).replaceWithVoid();
            }
            Instant until = clock.instant().plus(hold);
            Uni<Boolean> held = from == null
                    ? schedule.holdFreed(slotId, next.patientId(), until)
                    : schedule.passHold(slotId, from, next.patientId(), until);
            return held.invoke(taken -> {
                if (taken) {
                    next.offer(slotId, until);
                }
            }).replaceWithVoid();
        }));
    }

    /** The first patient waiting for the slot's day, unless the slot has begun (then nobody can take it). */
    private Uni<WaitlistEntry> nextInLine(TakenSlot slot) {
        if (!slot.startsAt().isAfter(clock.instant())) {
            return Uni.createFrom().nullItem();
        }
        return entries.firstWaiting(slot.doctorId(), slot.day());
    }

    /** Offers whose hold ran out pass to the next in line. */
    @Scheduled(every = "${hospital.consultation.waitlist.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireOffers() {
        return Panache.withTransaction(() -> entries.expiredOffers(clock.instant(), 50)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> entries.findById(id)
                                .chain(entry -> handOn(entry.expire(clock.instant()), entry.patientId())))
                        .collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Waitlist offer expiry failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<WaitlistEntry> own(Caller caller, UUID entryId) {
        return parties.patientOrNobody(caller).chain(patient -> entries.findById(entryId, LockModeType.PESSIMISTIC_WRITE)
                .map(entry -> entry != null && entry.patientId().equals(patient) ? entry : null))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("waitlist entry", entryId));
    }
}
