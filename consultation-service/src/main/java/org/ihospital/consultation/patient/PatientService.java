package org.ihospital.consultation.patient;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.Parties;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Patients are known by their account: the first request of a new patient creates the profile. */
@ApplicationScoped
public class PatientService {

    private final PatientRepository patients;
    private final Parties parties;

    public PatientService(PatientRepository patients, Parties parties) {
        this.patients = patients;
        this.parties = parties;
    }

    /** The caller's profile, created from the token on first use; runs in the caller's transaction. */
    public Uni<Patient> ofCaller(Caller caller) {
        return parties.patient(caller).chain(patients::findById);
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
