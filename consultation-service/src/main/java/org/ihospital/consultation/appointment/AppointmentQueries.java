package org.ihospital.consultation.appointment;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.infrastructure.ConsultationConfig;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about appointments. Runs in the caller's session. */
@ApplicationScoped
public class AppointmentQueries {

    private final AppointmentRepository appointments;
    private final Clock clock;
    private final ConsultationConfig config;

    public AppointmentQueries(AppointmentRepository appointments, Clock clock, ConsultationConfig config) {
        this.appointments = appointments;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The patient's care team as far as visits tell: doctors with a booked visit, and doctors who saw the
     * patient within the last {@code hospital.care-team.recent-visits} (180 days by default). A cancelled
     * visit never took place and gives no one access.
     */
    public Uni<Set<UUID>> careTeamOf(UUID patient) {
        Instant since = clock.instant().minus(config.careTeam().recentVisits());
        return appointments.doctorsOf(patient, since).map(Set::copyOf);
    }

    /** Whether the patient has a booked visit with the doctor that begins within [from, to). */
    public Uni<Boolean> hasBookedVisit(UUID patient, UUID doctor, Instant from, Instant to) {
        return appointments.countBooked(patient, doctor, from, to).map(n -> n > 0);
    }
}
