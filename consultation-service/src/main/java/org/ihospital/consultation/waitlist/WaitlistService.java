package org.ihospital.consultation.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.appointment.BookingService;
import org.ihospital.consultation.doctor.DoctorRepository;
import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.Parties;
import org.ihospital.consultation.schedule.SlotRepository;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The waitlist (候补): who waits for which doctor's day, offers of freed slots, and their expiry. */
@ApplicationScoped
public class WaitlistService implements PanacheRepositoryBase<WaitlistEntry, UUID> {

    private static final Logger LOG = Logger.getLogger(WaitlistService.class);

    private final Parties parties;
    private final DoctorRepository doctors;
    private final SlotRepository slots;
    private final BookingService bookings;
    private final Clock clock;
    private final Duration hold;

    public WaitlistService(Parties parties, DoctorRepository doctors, SlotRepository slots, BookingService bookings, Clock clock,
            @ConfigProperty(name = "hospital.waitlist.hold", defaultValue = "PT15M") Duration hold) {
        this.parties = parties;
        this.doctors = doctors;
        this.slots = slots;
        this.bookings = bookings;
        this.clock = clock;
        this.hold = hold;
    }

    @WithTransaction
    public Uni<WaitlistEntry> join(Caller caller, UUID doctorId, LocalDate day) {
        if (day.isBefore(LocalDate.now(clock))) {
            return Uni.createFrom().failure(new InvalidField("day", "must be today or later"));
        }
        return doctors.findById(doctorId)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("doctor", doctorId))
                .chain(doctor -> slots.count("doctorId = ?1 and day = ?2 and status = ?3 and startsAt > ?4", doctorId, day,
                        org.ihospital.consultation.schedule.Slot.Status.OPEN, clock.instant()))
                .chain(free -> free > 0 ? Uni.createFrom().failure(new WaitlistProblems.FreeSlotsAvailable())
                        : parties.patient(caller))
                .chain(patient -> persistAndFlush(WaitlistEntry.join(doctorId, day, patient, clock.instant())))
                .onFailure(e -> Constraints.violated(e, "waitlist_one_live_place")).transform(e -> new WaitlistProblems.AlreadyWaiting());
    }

    @WithSession
    public Uni<List<WaitlistEntry>> mine(Caller caller) {
        return parties.patient(caller).chain(patient -> list("patientId = ?1 and status in ?2", Sort.by("joinedAt").and("id"), patient,
                List.of(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)));
    }

    /** Accepting an offer in time books the held slot; the entry row lock orders it against expiry. */
    @WithTransaction
    public Uni<WaitlistEntry> accept(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> {
            UUID slot = entry.accept(clock.instant());
            return bookings.book(slot, entry.patientId(), "waitlist")
                    .onFailure(org.ihospital.consultation.appointment.AppointmentProblems.SlotAlreadyTaken.class)
                    .transform(e -> new WaitlistProblems.OfferExpired(entryId))
                    .invoke(appointment -> entry.booked(appointment.id(), clock.instant()))
                    .replaceWith(entry);
        });
    }

    @WithTransaction
    public Uni<WaitlistEntry> decline(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> {
            UUID slot = entry.decline(clock.instant());
            return passOn(slot).replaceWith(entry);
        });
    }

    @WithTransaction
    public Uni<WaitlistEntry> leave(Caller caller, UUID entryId) {
        return own(caller, entryId).chain(entry -> {
            UUID slot = entry.leave(clock.instant());
            return (slot == null ? Uni.createFrom().voidItem() : passOn(slot)).replaceWith(entry);
        });
    }

    /**
     * A booked slot was given up (cancelled or moved): offer it to the first patient waiting for that
     * doctor's day, holding it for them, or open it to everyone. Runs in the caller's transaction.
     */
    public Uni<Void> slotFreed(UUID slotId) {
        return slots.findById(slotId).chain(slot -> find("doctorId = ?1 and day = ?2 and status = ?3",
                Sort.by("joinedAt").and("id"), slot.doctorId(), slot.day(), WaitlistEntry.Status.WAITING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(next -> {
                    if (next == null || !slot.startsAt().isAfter(clock.instant())) {
                        return slots.open(slotId).replaceWithVoid();
                    }
                    Instant until = clock.instant().plus(hold);
                    next.offer(slotId, until);
                    return slots.hold(slotId, next.patientId(), until).replaceWithVoid();
                }));
    }

    private Uni<Void> passOn(UUID slotId) {
        return slotFreed(slotId);
    }

    /** Offers whose hold ran out pass to the next in line. */
    @Scheduled(every = "${hospital.waitlist.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireOffers() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select id from waitlist_entry where status = 'OFFERED' and offer_expires_at <= now()
                        order by offer_expires_at limit 50 for update skip locked""", UUID.class).getResultList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> findById(id).chain(entry -> passOn(entry.expire(clock.instant()))))
                        .collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Waitlist offer expiry failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<WaitlistEntry> own(Caller caller, UUID entryId) {
        return parties.patient(caller).chain(patient -> findById(entryId, LockModeType.PESSIMISTIC_WRITE)
                .map(entry -> entry != null && entry.patientId().equals(patient) ? entry : null))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("waitlist entry", entryId));
    }
}
