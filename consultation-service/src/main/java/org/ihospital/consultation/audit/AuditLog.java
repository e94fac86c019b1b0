package org.ihospital.consultation.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** The mapping of the append-only audit table; rows are written once and read as {@link AuditEntry}. */
@Entity
@Immutable
@Table(name = "audit_log")
class AuditLog {

    @Id
    long seq;
    Instant at;
    String actor;
    @Column(name = "actor_role")
    String actorRole;
    @Column(name = "patient_id")
    UUID patientId;
    String action;
    String resource;
    @Column(name = "request_id")
    String requestId;
    @Column(name = "prev_hash")
    String prevHash;
    String hash;

    protected AuditLog() {
    }

    AuditLog(AuditEntry entry) {
        seq = entry.seq();
        at = entry.at();
        actor = entry.actor();
        actorRole = entry.actorRole();
        patientId = entry.patientId();
        action = entry.action();
        resource = entry.resource();
        requestId = entry.requestId();
        prevHash = entry.prevHash();
        hash = entry.hash();
    }
}
