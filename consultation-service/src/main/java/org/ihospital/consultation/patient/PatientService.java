package org.ihospital.consultation.patient;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.security.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Patients are known by their account: the first request of a new patient creates the profile. */
@ApplicationScoped
public class PatientService {

    private final PatientRepository patients;
    private final PatientQueries queries;

    public PatientService(PatientRepository patients, PatientQueries queries) {
        this.patients = patients;
        this.queries = queries;
    }

    /** The caller's profile, created from the token on first use; runs in the caller's transaction. */
    private Uni<Patient> ofCaller(Caller caller) {
        return queries.idOf(caller).chain(patients::findById);
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
