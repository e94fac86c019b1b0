package org.ihospital.consultation.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.web.RequestIds;
import org.ihospital.consultation.infrastructure.Caller;
import org.jboss.logging.MDC;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes the audit trail of staff reads, in the reading transaction: if the read's transaction fails,
 * so does its audit row, and no staff read goes unrecorded. Patients reading their own record are not
 * audited.
 */
@ApplicationScoped
public class AuditTrailRepository {

    private final Clock clock;

    public AuditTrailRepository(Clock clock) {
        this.clock = clock;
    }

    /** Records that the caller (if staff) read {@code resource} of {@code patient}. Runs in the caller's transaction. */
    public Uni<Void> staffRead(Caller caller, UUID patient, String action, String resource) {
        if (caller.isPatient()) {
            return Uni.createFrom().voidItem();
        }
        String role = caller.roles().stream().filter(r -> List.of("doctor", "pharmacist", "operator", "auditor").contains(r))
                .sorted().findFirst().orElse("staff");
        Object rid = MDC.get(RequestIds.MDC_KEY);
        String requestId = rid == null ? "" : rid.toString();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(s -> s.createNativeQuery("select seq, hash from audit_head where id = 1 for update",
                Object[].class).getSingleResult()
                .chain(head -> {
                    long seq = ((Number) head[0]).longValue() + 1;
                    String prev = (String) head[1];
                    String hash = AuditEntry.hashOf(seq, at, caller.subject(), role, patient, action, resource, requestId, prev);
                    return s.createNativeQuery("""
                            insert into audit_log (seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                            .setParameter(1, seq).setParameter(2, at).setParameter(3, caller.subject()).setParameter(4, role)
                            .setParameter(5, patient).setParameter(6, action).setParameter(7, resource).setParameter(8, requestId)
                            .setParameter(9, prev).setParameter(10, hash).executeUpdate()
                            .chain(() -> s.createNativeQuery("update audit_head set seq = ?1, hash = ?2 where id = 1")
                                    .setParameter(1, seq).setParameter(2, hash).executeUpdate());
                })).replaceWithVoid();
    }
}
