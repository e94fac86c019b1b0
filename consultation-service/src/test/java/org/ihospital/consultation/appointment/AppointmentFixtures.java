package org.ihospital.consultation.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Appointments as their rules make them, for tests of other packages (the FHIR views). */
public final class AppointmentFixtures {

    private AppointmentFixtures() {
    }

    /** A 15-minute visit booked two days before it starts. */
    public static Appointment booked(UUID patient, UUID doctor, Instant startsAt) {
        return Appointment.book(new Visit(UUID.randomUUID(), doctor, startsAt, startsAt.plus(Duration.ofMinutes(15))), patient,
                "blood pressure follow-up", startsAt.minus(Duration.ofDays(2)));
    }

    /** A booked visit its patient cancelled a day ahead. */
    public static Appointment cancelled(UUID patient, UUID doctor, Instant startsAt) {
        Appointment a = booked(patient, doctor, startsAt);
        a.cancel("patient-subject", Appointment.Party.PATIENT, startsAt.minus(Duration.ofDays(1)), Duration.ofHours(2));
        return a;
    }
}
