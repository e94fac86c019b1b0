package org.ihospital.consultation.clinicalrecord;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of patients' clinical records: conditions, allergies, medication. Runs in the caller's session. */
@ApplicationScoped
class ClinicalRecordRepository {

    Uni<Void> add(Object entry) {
        return Panache.getSession().chain(s -> s.persist(entry).chain(s::flush));
    }

    <T> Uni<T> find(Class<T> type, UUID id) {
        return Panache.getSession().chain(s -> s.find(type, id));
    }

    Uni<List<Condition>> conditions(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from Condition where patientId = ?1 order by diagnosedOn, recordedAt, id", Condition.class)
                .setParameter(1, patient).getResultList());
    }

    Uni<List<Allergy>> activeAllergies(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from Allergy where patientId = ?1 and active order by recordedAt, id", Allergy.class)
                .setParameter(1, patient).getResultList());
    }

    Uni<List<Medication>> activeMedications(UUID patient) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from Medication where patientId = ?1 and active order by recordedAt, id", Medication.class)
                .setParameter(1, patient).getResultList());
    }
}
