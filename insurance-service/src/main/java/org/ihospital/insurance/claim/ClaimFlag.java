package org.ihospital.insurance.claim;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cost-control flag on a claim, until an auditor resolves it with a reason. */
@Entity
@Table(name = "claim_flag")
public class ClaimFlag {

    @Id
    private UUID id;
    @Column(name = "claim_id")
    private UUID claimId;
    @Enumerated(EnumType.STRING)
    private CostControl.Kind kind;
    @Enumerated(EnumType.STRING)
    private CostControl.Severity severity;
    private Integer line;
    private String detail;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    private String resolution;

    protected ClaimFlag() {
    }

    static ClaimFlag raised(UUID claim, CostControl.Flag flag) {
        ClaimFlag f = new ClaimFlag();
        f.id = UUID.randomUUID();
        f.claimId = claim;
        f.kind = flag.kind();
        f.severity = flag.severity();
        f.line = flag.line();
        f.detail = flag.detail();
        return f;
    }

    void resolve(String auditor, String reason, Instant now) {
        if (resolvedAt != null) {
            throw new ClaimProblems.FlagAlreadyResolved(id);
        }
        resolvedBy = auditor;
        resolvedAt = now;
        resolution = reason;
    }

    public UUID id() {
        return id;
    }

    public UUID claimId() {
        return claimId;
    }

    public CostControl.Kind kind() {
        return kind;
    }

    public CostControl.Severity severity() {
        return severity;
    }

    public Integer line() {
        return line;
    }

    public String detail() {
        return detail;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolution() {
        return resolution;
    }

    boolean open() {
        return resolvedAt == null;
    }
}
