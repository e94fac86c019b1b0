package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** What other packages may ask about consultations. Runs in the caller's session. */
@ApplicationScoped
public class ConsultationQueries {

    /** What prescribing needs of a consultation: whose, whether completed, when it opened, what was diagnosed. */
    public record ConsultationFacts(UUID id, UUID patientId, UUID doctorId, boolean completed, Instant openedAt,
            List<String> diagnoses) {
    }

    private final ConsultationRepository consultations;

    public ConsultationQueries(ConsultationRepository consultations) {
        this.consultations = consultations;
    }

    public Uni<Optional<ConsultationFacts>> find(UUID consultation) {
        return consultations.findById(consultation).map(c -> Optional.ofNullable(c).map(found -> new ConsultationFacts(found.id(),
                found.patientId(), found.doctorId(), found.status() == Consultation.Status.COMPLETED, found.openedAt(), found.codes())));
    }

    /** The ICD-10 codes of the patient's other consultations, completed by {@code before}. */
    public Uni<List<String>> diagnosesCompletedBefore(UUID patient, Instant before, UUID except) {
        return consultations.codesCompletedBefore(patient, before, except);
    }
}
