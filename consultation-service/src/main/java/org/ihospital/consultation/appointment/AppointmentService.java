package org.ihospital.consultation.appointment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.audit.AuditTrailRepository;
import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.Cursor;
import org.ihospital.consultation.infrastructure.Parties;
import org.ihospital.consultation.schedule.SlotRepository;
import org.ihospital.consultation.waitlist.WaitlistService;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Booking, listing, cancelling, moving and closing follow-up visits. */
@ApplicationScoped
public class AppointmentService implements PanacheRepositoryBase<Appointment, UUID> {

    public record BookingRequest(UUID slotId, String reason) {
    }

    public record AppointmentPage(List<AppointmentView> items, String nextCursor) {
    }

    static final class RescheduleToAnotherDoctor extends ProblemException {
        RescheduleToAnotherDoctor() {
            super("reschedule-other-doctor", 422, "Another doctor's slot",
                    "A visit moves to another slot of the same doctor; to see another doctor, book a new visit");
        }
    }

    private final BookingService bookings;
    private final Parties parties;
    private final AuditTrailRepository audit;
    private final SlotRepository slots;
    private final WaitlistService waitlist;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration cutOff;

    public AppointmentService(BookingService bookings, Parties parties, SlotRepository slots,
            WaitlistService waitlist, AuditTrailRepository audit, Idempotency idempotency, Outbox outbox, Clock clock,
            @ConfigProperty(name = "hospital.booking.change-cut-off", defaultValue = "PT2H") Duration cutOff) {
        this.bookings = bookings;
        this.parties = parties;
        this.audit = audit;
        this.slots = slots;
        this.waitlist = waitlist;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.clock = clock;
        this.cutOff = cutOff;
    }

    @WithTransaction
    public Uni<Idempotency.Outcome<AppointmentView>> book(Caller caller, BookingRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, "POST /api/v1/appointments", request, AppointmentView.class,
                () -> parties.patient(caller)
                        .chain(patient -> bookings.book(request.slotId(), patient, request.reason()))
                        .map(AppointmentView::of));
    }

    /**
     * The caller's visits (a patient's own, a doctor's own), by start time, a page at a time. A doctor's
     * page is a staff read of each patient on it, and is audited as such.
     */
    @WithTransaction
    public Uni<AppointmentPage> list(Caller caller, String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return parties.of(caller).chain(owner -> {
            String who = caller.isPatient() ? "patientId" : "doctorId";
            String query = who + " = ?1" + (after == null ? "" : " and (startsAt > ?2 or (startsAt = ?2 and id > ?3))");
            Sort order = Sort.by("startsAt").and("id");
            var found = after == null ? find(query, order, owner) : find(query, order, owner, after.at(), after.id());
            return found.page(Page.ofSize(limit + 1)).list();
        }).call(rows -> Multi.createFrom().iterable(rows.stream().limit(limit).map(Appointment::patientId).distinct().toList())
                .onItem().transformToUniAndConcatenate(patient -> audit.staffRead(caller, patient, "list-appointments", "appointments"))
                .collect().last())
                .map(rows -> {
            List<AppointmentView> items = rows.stream().limit(limit).map(AppointmentView::of).toList();
            String next = rows.size() > limit
                    ? new Cursor(items.get(limit - 1).startsAt(), items.get(limit - 1).id()).encode()
                    : null;
            return new AppointmentPage(items, next);
        });
    }

    @WithTransaction
    public Uni<Appointment> get(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.NONE)
                .call(a -> audit.staffRead(caller, a.patientId(), "read-appointment", "appointment/" + id));
    }

    @WithTransaction
    public Uni<Appointment> cancel(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.PESSIMISTIC_WRITE).chain(appointment -> {
            UUID freed = appointment.cancel(caller.subject(), clock.instant(), cutOff);
            return flush()
                    .chain(() -> waitlist.slotFreed(freed))
                    .chain(() -> outbox.append(AppointmentEvents.TOPIC, AppointmentEvents.CANCELLED, appointment.id().toString(),
                            new AppointmentEvents.AppointmentCancelled(appointment.id(), appointment.patientId(),
                                    appointment.doctorId(), freed, appointment.startsAt(), caller.isPatient() ? "patient" : "doctor",
                                    clock.instant())))
                    .replaceWith(appointment);
        });
    }

    @WithTransaction
    public Uni<Appointment> reschedule(Caller caller, UUID id, UUID newSlotId) {
        return visible(caller, id, LockModeType.PESSIMISTIC_WRITE).chain(appointment -> slots.findById(newSlotId)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("slot", newSlotId))
                .chain(slot -> {
                    if (!slot.doctorId().equals(appointment.doctorId())) {
                        return Uni.createFrom().failure(new RescheduleToAnotherDoctor());
                    }
                    UUID old = appointment.moveTo(slot.id(), slot.startsAt(), slot.endsAt(), clock.instant(), cutOff);
                    return slots.book(slot.id(), appointment.patientId()).chain(booked -> booked
                            ? flush().chain(() -> waitlist.slotFreed(old))
                                    .chain(() -> outbox.append(AppointmentEvents.TOPIC, AppointmentEvents.RESCHEDULED,
                                            appointment.id().toString(), new AppointmentEvents.AppointmentRescheduled(appointment.id(),
                                                    appointment.patientId(), appointment.doctorId(), old, slot.id(), slot.startsAt(),
                                                    slot.endsAt(), clock.instant())))
                                    .replaceWith(appointment)
                            : Uni.createFrom().failure(new AppointmentProblems.SlotAlreadyTaken(newSlotId)));
                }))
                .onFailure(e -> Constraints.violated(e, "appointment_one_per_slot"))
                .transform(e -> new AppointmentProblems.SlotAlreadyTaken(newSlotId));
    }

    @WithTransaction
    public Uni<Appointment> markNoShow(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.PESSIMISTIC_WRITE).chain(appointment -> {
            if (!caller.isDoctor()) {
                return Uni.createFrom().failure(new io.quarkus.security.ForbiddenException("only the doctor records a no-show"));
            }
            appointment.markNoShow(clock.instant());
            return Uni.createFrom().item(appointment);
        });
    }

    /** The appointment if the caller may see it (its patient, its doctor); otherwise it does not exist for them. */
    private Uni<Appointment> visible(Caller caller, UUID id, LockModeType lock) {
        return parties.of(caller)
                .chain(owner -> findById(id, lock).map(a -> a != null && (owner.equals(a.patientId()) || owner.equals(a.doctorId())) ? a : null))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("appointment", id));
    }

    /** The visit has taken place: its consultation was completed. Runs in the caller's transaction. */
    public Uni<Void> completed(UUID appointmentId) {
        return findById(appointmentId, LockModeType.PESSIMISTIC_WRITE).invoke(Appointment::complete).replaceWithVoid();
    }
}
