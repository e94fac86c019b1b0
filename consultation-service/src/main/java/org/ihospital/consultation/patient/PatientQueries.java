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

    public Uni<Optional<PatientFacts>> find(UUID patient) {
        return patients.findById(patient).map(p -> Optional.ofNullable(p).map(Patient::facts));
    }
}
