package org.ihospital.consultation.patient;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PatientRepository implements PanacheRepositoryBase<Patient, UUID> {

    Uni<Optional<UUID>> idOfAccount(String subject) {
        return getSession().chain(s -> s.createSelectionQuery("select p.id from Patient p where p.userId = ?1", UUID.class)
                .setParameter(1, subject).getResultList())
                .map(ids -> ids.stream().findFirst());
    }

    /**
     * Creates the record of an account seen for the first time; a concurrent first use of the same
     * account creates nothing more (native: PostgreSQL's {@code ON CONFLICT DO NOTHING}).
     */
    Uni<Void> createIfAbsent(UUID id, String subject, String displayName) {
        return getSession().chain(s -> s.createNativeQuery("""
                insert into patient (id, user_id, name) values (?1, ?2, ?3) on conflict (user_id) do nothing""")
                .setParameter(1, id).setParameter(2, subject).setParameter(3, displayName)
                .executeUpdate()).replaceWithVoid();
    }
}
