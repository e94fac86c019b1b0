package org.ihospital.consultation.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A staff read of a patient's record, appended in the reading transaction and chained afterwards, in
 * order, by the one chainer ({@link AuditService#chainPending}). Appending takes no lock, so staff reads
 * never wait on each other.
 */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String actor;
    @Column(name = "actor_role")
    private String actorRole;
    @Column(name = "patient_id")
    private UUID patientId;
    private String action;
    private String resource;
    @Column(name = "request_id")
    private String requestId;

    protected AuditEvent() {
    }

    AuditEvent(Long id, Instant at, String actor, String actorRole, UUID patientId, String action, String resource, String requestId) {
        this.id = id;
        this.at = at;
        this.actor = actor;
        this.actorRole = actorRole;
        this.patientId = patientId;
        this.action = action;
        this.resource = resource;
        this.requestId = requestId;
    }

    Long id() {
        return id;
    }

    Instant at() {
        return at;
    }

    String actor() {
        return actor;
    }

    String actorRole() {
        return actorRole;
    }

    UUID patientId() {
        return patientId;
    }

    String action() {
        return action;
    }

    String resource() {
        return resource;
    }

    String requestId() {
        return requestId;
    }
}
