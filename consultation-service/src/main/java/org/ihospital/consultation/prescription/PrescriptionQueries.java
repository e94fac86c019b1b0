package org.ihospital.consultation.prescription;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about prescriptions. Runs in the caller's session. */
@ApplicationScoped
public class PrescriptionQueries {

    /** Whose prescription it is: what a reader's right to it depends on. */
    public record Parties(UUID prescriptionId, UUID patientId, UUID doctorId) {
    }

    private final PrescriptionRepository prescriptions;

    public PrescriptionQueries(PrescriptionRepository prescriptions) {
        this.prescriptions = prescriptions;
    }

    public Uni<Optional<Parties>> partiesOf(UUID prescription) {
        return prescriptions.findById(prescription)
                .map(p -> Optional.ofNullable(p).map(found -> new Parties(found.id(), found.patientId(), found.doctorId())));
    }
}
