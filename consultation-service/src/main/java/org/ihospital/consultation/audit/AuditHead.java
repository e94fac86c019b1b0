package org.ihospital.consultation.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The chain's end: one row, whose lock orders concurrent appends. */
@Entity
@Table(name = "audit_head")
class AuditHead {

    @Id
    int id;
    long seq;
    String hash;

    protected AuditHead() {
    }

    void advance(AuditEntry entry) {
        seq = entry.seq();
        hash = entry.hash();
    }
}
