package org.ihospital.consultation.audit;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The audit chain's rows. Runs in the caller's session. */
@ApplicationScoped
class AuditRepository {

    private static final String ENTRY = """
            select a.seq, a.at, a.actor, a.actorRole, a.patientId, a.action, a.resource, a.requestId, a.prevHash, a.hash
            from AuditLog a""";

    /** The head, locked until the transaction ends: appends happen one at a time, in order. */
    Uni<AuditHead> lockedHead() {
        return Panache.getSession().chain(s -> s.find(AuditHead.class, 1, LockModeType.PESSIMISTIC_WRITE));
    }

    Uni<AuditHead> head() {
        return Panache.getSession().chain(s -> s.find(AuditHead.class, 1));
    }

    Uni<Void> append(AuditEntry entry) {
        return Panache.getSession().chain(s -> s.persist(new AuditLog(entry)));
    }

    Uni<List<AuditEntry>> ofPatient(UUID patient, long afterSeq, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(ENTRY + " where a.patientId = ?1 and a.seq > ?2 order by a.seq",
                AuditEntry.class).setParameter(1, patient).setParameter(2, afterSeq).setMaxResults(limit).getResultList());
    }

    Uni<List<AuditEntry>> after(long afterSeq, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(ENTRY + " where a.seq > ?1 order by a.seq", AuditEntry.class)
                .setParameter(1, afterSeq).setMaxResults(limit).getResultList());
    }
}
