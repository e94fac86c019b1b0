package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;

import org.ihospital.commons.persistence.PgNotifications;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ConsultationRepository implements PanacheRepositoryBase<Consultation, UUID> {

    /** One page of a patient's or a doctor's consultations, newest first, one more than asked to tell whether more follow. */
    Uni<List<Consultation>> newestFirst(String party, UUID owner, Cursor before, int limit) {
        String query = party + " = ?1" + (before == null ? "" : " and (openedAt < ?2 or (openedAt = ?2 and id < ?3))");
        Sort order = Sort.descending("openedAt", "id");
        var found = before == null ? find(query, order, owner) : find(query, order, owner, before.at(), before.id());
        return found.page(Page.ofSize(limit + 1)).list();
    }

    /** ICD-10 codes of the patient's consultations completed by {@code before}, other than {@code except}. */
    Uni<List<String>> codesCompletedBefore(UUID patient, Instant before, UUID except) {
        return getSession().chain(s -> s.createSelectionQuery("""
                select distinct d.icd10 from Consultation c join c.diagnoses d
                where c.patientId = ?1 and c.id <> ?2 and c.status = ?3 and c.completedAt <= ?4""", String.class)
                .setParameter(1, patient).setParameter(2, except).setParameter(3, Consultation.Status.COMPLETED).setParameter(4, before)
                .getResultList());
    }

    /**
     * Tells every replica's live streams, once the transaction commits, that a conversation changed
     * (native: PostgreSQL's {@code NOTIFY}).
     */
    Uni<Void> announce(String channel, String payload) {
        return PgNotifications.announce(channel, payload);
    }

    /** A patient's, all of them or only one doctor's ({@code doctor} not null), newest first, at most {@code limit}. */
    Uni<List<Consultation>> ofPatient(UUID patient, UUID doctor, int limit) {
        Sort order = Sort.descending("openedAt", "id");
        var found = doctor == null ? find("patientId = ?1", order, patient) : find("patientId = ?1 and doctorId = ?2", order, patient, doctor);
        return found.page(Page.ofSize(limit)).list();
    }
}
