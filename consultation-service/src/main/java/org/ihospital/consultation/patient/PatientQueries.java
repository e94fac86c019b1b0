package org.ihospital.consultation.patient;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.security.Caller;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about patients. Runs in the caller's session. */
@ApplicationScoped
public class PatientQueries {

    private final PatientRepository patients;

    public PatientQueries(PatientRepository patients) {
        this.patients = patients;
    }

    /** The caller's patient record, created from the token on first use (concurrent first uses create one). */
    public Uni<UUID> idOf(Caller caller) {
        return patients.idOfAccount(caller.subject()).chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                : patients.createIfAbsent(UUID.randomUUID(), caller.subject(), caller.displayName() == null ? "" : caller.displayName())
                        .chain(() -> patients.idOfAccount(caller.subject())).map(Optional::orElseThrow));
    }

    /**
     * The patient's facts, their record locked until the transaction ends: what a patient does one
     * request at a time (booking against the limits) is ordered by this lock.
     */
    public Uni<PatientFacts> lockForBooking(UUID patient) {
        return patients.findById(patient, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .map(p -> p == null ? new PatientFacts(patient, null, false, null) : p.facts());
    }

    public Uni<Optional<PatientFacts>> find(UUID patient) {
        return patients.findById(patient).map(p -> Optional.ofNullable(p).map(Patient::facts));
    }
}
