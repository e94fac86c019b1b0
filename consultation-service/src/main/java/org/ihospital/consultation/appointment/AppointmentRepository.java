package org.ihospital.consultation.appointment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AppointmentRepository implements PanacheRepositoryBase<Appointment, UUID> {

    /** One page of a patient's or a doctor's visits by start time, one more than asked to tell whether more follow. */
    Uni<List<Appointment>> page(String party, UUID owner, Cursor after, int limit) {
        String query = party + " = ?1" + (after == null ? "" : " and (startsAt > ?2 or (startsAt = ?2 and id > ?3))");
        Sort order = Sort.by("startsAt").and("id");
        var found = after == null ? find(query, order, owner) : find(query, order, owner, after.at(), after.id());
        return found.page(Page.ofSize(limit + 1)).list();
    }

    /** Upcoming visits (in all, with one doctor) and bookings made since the start of the day. */
    record Counts(Long open, Long openWithDoctor, Long bookedToday) {
    }

    /** What a patient holds and did lately, for the booking limits. */
    Uni<Counts> countsOf(UUID patient, UUID doctor, Instant now, Instant startOfToday) {
        return getSession().chain(s -> s.createSelectionQuery("""
                select count(*) filter (where a.status = ?2 and a.startsAt > ?4),
                       count(*) filter (where a.status = ?2 and a.startsAt > ?4 and a.doctorId = ?3),
                       count(*) filter (where a.bookedAt >= ?5)
                from Appointment a where a.patientId = ?1""", Counts.class)
                .setParameter(1, patient).setParameter(2, Appointment.Status.BOOKED).setParameter(3, doctor).setParameter(4, now)
                .setParameter(5, startOfToday).getSingleResult());
    }

    /** How often the patient cancelled since {@code since}. */
    Uni<Long> cancellationsBy(String subject, UUID patient, Instant since) {
        return count("patientId = ?1 and cancelledBy = ?2 and cancelledAt >= ?3", patient, subject, since);
    }

    /** The doctors who see this patient now (a booked visit) or saw them since {@code since}. */
    Uni<Long> countBooked(UUID patient, UUID doctor, Instant from, Instant to) {
        return count("patientId = ?1 and doctorId = ?2 and status = ?3 and startsAt >= ?4 and startsAt < ?5",
                patient, doctor, Appointment.Status.BOOKED, from, to);
    }

    Uni<List<UUID>> doctorsOf(UUID patient, Instant since) {
        return getSession().chain(s -> s.createSelectionQuery("""
                select distinct a.doctorId from Appointment a
                where a.patientId = ?1 and (a.status = ?2 or (a.status in ?3 and a.startsAt >= ?4))""", UUID.class)
                .setParameter(1, patient).setParameter(2, Appointment.Status.BOOKED)
                .setParameter(3, List.of(Appointment.Status.COMPLETED, Appointment.Status.NO_SHOW)).setParameter(4, since)
                .getResultList());
    }

    /** A patient's, all of them or only one doctor's ({@code doctor} not null), newest first, at most {@code limit}. */
    Uni<List<Appointment>> ofPatient(UUID patient, UUID doctor, int limit) {
        Sort order = Sort.descending("startsAt", "id");
        var found = doctor == null ? find("patientId = ?1", order, patient) : find("patientId = ?1 and doctorId = ?2", order, patient, doctor);
        return found.page(Page.ofSize(limit)).list();
    }
}
