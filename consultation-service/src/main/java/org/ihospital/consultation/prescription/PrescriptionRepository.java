package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PrescriptionRepository implements PanacheRepositoryBase<Prescription, UUID> {

    /**
     * Issued prescriptions past their validity, locked; those another replica is expiring are skipped
     * (native: PostgreSQL's {@code FOR UPDATE SKIP LOCKED}).
     */
    Uni<List<UUID>> due(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery("""
                select id from prescription where status = 'ISSUED' and expires_at <= ?1
                order by expires_at limit ?2 for update skip locked""", UUID.class)
                .setParameter(1, now).setParameter(2, limit).getResultList());
    }
}
