package org.ihospital.insurance.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A patient covered by a policy for a period (never two periods at once: the database's exclusion constraint). */
@Entity
@Table(name = "coverage")
public class Coverage {

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "policy_id")
    private UUID policyId;
    @Column(name = "valid_from")
    private LocalDate validFrom;
    @Column(name = "valid_until")
    private LocalDate validUntil;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected Coverage() {
    }

    /** @throws PolicyProblems.InvalidPeriod when the period ends before it starts or lies outside the policy's */
    static Coverage of(UUID patient, Policy policy, LocalDate from, LocalDate until, String operator, Instant now) {
        if (until.isBefore(from) || from.isBefore(policy.validFrom()) || until.isAfter(policy.validUntil())) {
            throw new PolicyProblems.InvalidPeriod();
        }
        Coverage c = new Coverage();
        c.id = UUID.randomUUID();
        c.patientId = patient;
        c.policyId = policy.id();
        c.validFrom = from;
        c.validUntil = until;
        c.createdAt = now;
        c.createdBy = operator;
        return c;
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID policyId() {
        return policyId;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validUntil() {
        return validUntil;
    }
}
