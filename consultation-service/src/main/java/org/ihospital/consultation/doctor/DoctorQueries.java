package org.ihospital.consultation.doctor;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about doctors. Runs in the caller's session. */
@ApplicationScoped
public class DoctorQueries {

    private final DoctorRepository doctors;

    public DoctorQueries(DoctorRepository doctors) {
        this.doctors = doctors;
    }

    /** The doctor record of an account (a token subject), if an operator registered one. */
    public Uni<Optional<UUID>> idOfAccount(String subject) {
        return doctors.idOfAccount(subject);
    }

    public Uni<Optional<DoctorFacts>> find(UUID doctor) {
        return doctors.facts(doctor);
    }
}
