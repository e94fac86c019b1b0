package org.ihospital.consultation.appointment;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.schedule.SlotRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Books a slot for a patient: the one way an appointment comes to exist, used by direct booking and by
 * a waitlist offer being accepted. Runs in the caller's transaction.
 */
@ApplicationScoped
public class BookingService {

    private final SlotRepository slots;
    private final Outbox outbox;
    private final Clock clock;

    public BookingService(SlotRepository slots, Outbox outbox, Clock clock) {
        this.slots = slots;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Appointment> book(UUID slotId, UUID patientId, String reason) {
        return slots.take(slotId, patientId).chain(taken -> {
            if (taken.isEmpty()) {
                // not taken: tell a slot that does not exist from one that is no longer free
                return slots.count("id", slotId).chain(n -> Uni.createFrom().failure(n == 0
                        ? new ResourceNotFound("slot", slotId) : new AppointmentProblems.SlotAlreadyTaken(slotId)));
            }
            var slot = taken.get();
            Appointment appointment = Appointment.book(slotId, patientId, slot.doctorId(), slot.startsAt(), slot.endsAt(),
                    reason, clock.instant());
            return Panache.getSession().chain(s -> s.persist(appointment).chain(s::flush))
                    .chain(() -> outbox.append(AppointmentEvents.TOPIC, AppointmentEvents.BOOKED, appointment.id().toString(),
                            new AppointmentEvents.AppointmentBooked(appointment.id(), patientId, slot.doctorId(), slotId,
                                    slot.startsAt(), slot.endsAt(), appointment.bookedAt())))
                    .replaceWith(appointment);
        })
                .onFailure(e -> Constraints.violated(e, "appointment_one_per_slot"))
                .transform(e -> new AppointmentProblems.SlotAlreadyTaken(slotId));
    }
}
