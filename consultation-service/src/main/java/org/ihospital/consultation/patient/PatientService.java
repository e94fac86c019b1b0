package org.ihospital.consultation.patient;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.infrastructure.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Patients are known by their account: the first request of a new patient creates the profile. */
@ApplicationScoped
public class PatientService {

    private final PatientRepository patients;

    public PatientService(PatientRepository patients) {
        this.patients = patients;
    }

    /** The caller's profile, created from the token on first use; runs in the caller's transaction. */
    public Uni<Patient> ofCaller(Caller caller) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        insert into patient (id, user_id, name) values (?1, ?2, ?3)
                        on conflict (user_id) do nothing""")
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, caller.subject())
                        .setParameter(3, caller.displayName() == null ? "" : caller.displayName())
                        .executeUpdate())
                .chain(() -> patients.findByUser(caller.subject()));
    }

    @WithTransaction
    public Uni<Patient> me(Caller caller) {
        return ofCaller(caller);
    }

    @WithTransaction
    public Uni<Patient> update(Caller caller, ContactDetails details) {
        return ofCaller(caller).invoke(p -> p.update(details));
    }
}
