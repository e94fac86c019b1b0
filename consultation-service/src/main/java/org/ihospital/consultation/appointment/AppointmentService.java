package org.ihospital.consultation.appointment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.audit.AuditService;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.ihospital.consultation.party.Party;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.patient.PatientQueries;
import org.ihospital.consultation.schedule.ScheduleService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/** Booking, listing, cancelling, moving and closing follow-up visits. */
@ApplicationScoped
public class AppointmentService {

    public record BookingRequest(UUID slotId, String reason) {
    }

    public record AppointmentPage(List<AppointmentView> items, String nextCursor) {
    }

    /** What the consultation of a visit needs to know of it, and which consultation the visit has. */
    public record VisitFacts(UUID appointmentId, UUID patientId, UUID doctorId, UUID consultationId) {
    }

    private final AppointmentRepository appointments;
    private final ScheduleService schedule;
    private final SlotHandover handover;
    private final PartyService parties;
    private final AuditService audit;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration cutOff;
    private final BookingLimits limits;
    private final PatientQueries patients;

    public AppointmentService(AppointmentRepository appointments, ScheduleService schedule, SlotHandover handover,
            PartyService parties, PatientQueries patients, AuditService audit, Idempotency idempotency, Outbox outbox, Clock clock,
            ConsultationConfig config) {
        this.appointments = appointments;
        this.schedule = schedule;
        this.handover = handover;
        this.parties = parties;
        this.audit = audit;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.clock = clock;
        this.cutOff = config.booking().changeCutOff();
        this.patients = patients;
        var l = config.booking().limits();
        this.limits = new BookingLimits(l.openAppointments(), l.openWithOneDoctor(), l.bookingsPerDay(), l.cancellationsPerWeek());
    }

    /** Books for the calling patient; with an Idempotency-Key a retry gets the first answer (the key's transaction is the booking's). */
    public Uni<Idempotency.Outcome<AppointmentView>> book(Caller caller, BookingRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, false, request, AppointmentView.class,
                () -> parties.patientOrNobody(caller)
                        .chain(patient -> bookFor(request.slotId(), patient, request.reason()))
                        .map(AppointmentView::of));
    }

    /**
     * Books a slot for a patient: the one way an appointment comes to exist, used by direct booking and by
     * a waitlist offer being accepted. Runs in the caller's transaction.
     */
    public Uni<Appointment> bookFor(UUID slotId, UUID patientId, String reason) {
        return withinLimits(slotId, patientId).chain(() -> schedule.take(slotId, patientId)).chain(taken -> {
            if (taken.isEmpty()) {
                // the slot exists (checked above; slots are never deleted): it is no longer free
                return Uni.createFrom().<Appointment>failure(new AppointmentProblems.SlotAlreadyTaken(slotId));
            }
            Appointment appointment = Appointment.book(Visit.in(taken.get()), patientId, reason, clock.instant());
            return appointments.persist(appointment)
                    .chain(() -> appointments.flush())
                    .chain(() -> outbox.publish(appointment))
                    .chain(() -> handover.booked(slotId, patientId, appointment.id()))
                    .replaceWith(appointment);
        })
                .onFailure(e -> Constraints.violated(e, "appointment_one_per_slot"))
                .transform(e -> new AppointmentProblems.SlotAlreadyTaken(slotId));
    }

    /**
     * The patient is locked, then the slot must exist, then what they hold is counted: a burst of bookings
     * from one account is decided one at a time.
     */
    private Uni<Void> withinLimits(UUID slotId, UUID patientId) {
        Instant now = clock.instant();
        Instant startOfToday = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        return patients.lockForBooking(patientId).chain(patient -> schedule.find(slotId)
                .chain(slot -> slot.isEmpty() ? Uni.createFrom().failure(new ResourceNotFound("slot", slotId))
                        : appointments.countsOf(patientId, slot.get().doctorId(), now, startOfToday)
                                .invoke(c -> limits.checkBooking(new BookingLimits.History(patient.realNameVerified(), c.open(),
                                        c.openWithDoctor(), c.bookedToday())))
                                .replaceWithVoid()));
    }

    /**
     * The caller's visits (a patient's own, a doctor's own), by start time, a page at a time. A doctor's
     * page is a staff read of each patient on it, and is audited as such.
     */
    @WithTransaction
    public Uni<AppointmentPage> list(Caller caller, String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return parties.of(caller).chain(party -> (caller.isPatient()
                ? appointments.page("patientId", party.patientId(), after, limit)
                : appointments.page("doctorId", party.doctorId(), after, limit))
                .map(found -> Cursor.Page.of(found, limit, Appointment::startsAt, Appointment::id))
                .call(page -> audit.staffReads(caller, party, page.map(Appointment::patientId), "list-appointments", "appointments")))
                .map(page -> new AppointmentPage(page.map(AppointmentView::of), page.next()));
    }

    /**
     * A patient's visits the caller takes part in (all of them for the patient, a doctor's own with them),
     * latest first; a doctor's answer is a staff read of the patient, audited like a list.
     */
    @WithTransaction
    public Uni<List<Appointment>> ofPatient(Caller caller, UUID patient, int limit) {
        return parties.shareOf(caller, patient).chain(share -> appointments.ofPatient(patient, share.doctor(), limit)
                .call(found -> audit.staffReads(caller, share.party(), found.stream().map(Appointment::patientId).toList(),
                        "search-appointments", "patient/" + patient + "/appointments")));
    }

    @WithTransaction
    public Uni<Appointment> get(Caller caller, UUID id) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.NONE)
                .call(a -> audit.staffRead(caller, party, a.patientId(), "read-appointment", "appointment/" + id)));
    }

    @WithTransaction
    public Uni<Appointment> cancel(Caller caller, UUID id) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.PESSIMISTIC_WRITE).chain(appointment -> {
            Appointment.Party by = party.isPatient(appointment.patientId()) ? Appointment.Party.PATIENT : Appointment.Party.DOCTOR;
            Uni<Void> allowed = by == Appointment.Party.PATIENT
                    ? appointments.cancellationsBy(caller.subject(), appointment.patientId(), clock.instant().minus(Duration.ofDays(7)))
                            .invoke(limits::checkCancellation).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return allowed.chain(() -> {
                UUID freed = appointment.cancel(caller.subject(), by, clock.instant(), cutOff);
                return appointments.flush()
                    .chain(() -> outbox.publish(appointment))
                    .chain(() -> handover.released(freed))
                    .replaceWith(appointment);
            });
        }));
    }

    @WithTransaction
    public Uni<Appointment> reschedule(Caller caller, UUID id, UUID newSlotId) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.PESSIMISTIC_WRITE))
                .chain(appointment -> schedule.find(newSlotId)
                        .map(slot -> slot.orElseThrow(() -> new ResourceNotFound("slot", newSlotId)))
                        .chain(slot -> {
                            if (!slot.doctorId().equals(appointment.doctorId())) {
                                return Uni.createFrom().failure(new AppointmentProblems.RescheduleToAnotherDoctor());
                            }
                            return schedule.take(newSlotId, appointment.patientId());
                        })
                        .chain(taken -> {
                            if (taken.isEmpty()) {
                                return Uni.createFrom().failure(new AppointmentProblems.SlotAlreadyTaken(newSlotId));
                            }
                            UUID old = appointment.moveTo(Visit.in(taken.get()), clock.instant(), cutOff);
                            return appointments.flush()
                                    .chain(() -> outbox.publish(appointment))
                                    .chain(() -> handover.released(old))
                                    .chain(() -> handover.booked(newSlotId, appointment.patientId(), appointment.id()))
                                    .replaceWith(appointment);
                        }))
                .onFailure(e -> Constraints.violated(e, "appointment_one_per_slot"))
                .transform(e -> new AppointmentProblems.SlotAlreadyTaken(newSlotId));
    }

    @WithTransaction
    public Uni<Appointment> markNoShow(Caller caller, UUID id) {
        return parties.of(caller).chain(party -> visible(party, id, LockModeType.PESSIMISTIC_WRITE).invoke(appointment -> {
            if (!party.isDoctor(appointment.doctorId())) {
                throw new ForbiddenException("only the visit's doctor records a no-show");
            }
            appointment.markNoShow(clock.instant());
        }));
    }

    /**
     * The appointment's doctor opens its consultation as {@code proposed} (or finds the one opened before);
     * anyone else finds no appointment. Runs in the caller's transaction, with the appointment locked, so
     * that two opening at once agree on one consultation.
     */
    public Uni<VisitFacts> consultationOpened(UUID appointmentId, UUID doctorId, UUID proposed) {
        return appointments.findById(appointmentId, LockModeType.PESSIMISTIC_WRITE)
                .map(a -> {
                    if (a == null || !a.doctorId().equals(doctorId)) {
                        throw new ResourceNotFound("appointment", appointmentId);
                    }
                    UUID consultation = a.consultationOpened(proposed, clock.instant());
                    return new VisitFacts(a.id(), a.patientId(), a.doctorId(), consultation);
                });
    }

    /** The visit has taken place: its consultation was completed. Runs in the caller's transaction. */
    public Uni<Void> completed(UUID appointmentId) {
        return appointments.findById(appointmentId, LockModeType.PESSIMISTIC_WRITE).invoke(Appointment::complete).replaceWithVoid();
    }

    /** The appointment if the caller takes part in it (its patient, its doctor); for anyone else it does not exist. */
    private Uni<Appointment> visible(Party party, UUID id, LockModeType lock) {
        return appointments.findById(id, lock)
                .map(a -> a != null && party.takesPartIn(a.patientId(), a.doctorId()) ? a : null)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("appointment", id));
    }
}
