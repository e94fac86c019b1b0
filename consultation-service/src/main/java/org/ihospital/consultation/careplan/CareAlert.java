package org.ihospital.consultation.careplan;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A call to a patient's care team, raised once per cause, open until a doctor acknowledges it with a note. */
@Entity
@Table(name = "care_alert")
public class CareAlert {

    public enum Rule {
        CRITICAL, CONSECUTIVE_ABOVE_TARGET, OVERDUE
    }

    @Id
    private UUID id;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "plan_id")
    private UUID planId;
    @Enumerated(EnumType.STRING)
    private Rule rule;
    private String cause;
    private String detail;
    @Column(name = "raised_at")
    private Instant raisedAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    private String note;

    protected CareAlert() {
    }

    static CareAlert raise(CarePlan plan, AlertRules.Raised raised, Instant now) {
        CareAlert a = new CareAlert();
        a.id = UUID.randomUUID();
        a.patientId = plan.patientId();
        a.planId = plan.id();
        a.rule = raised.rule();
        a.cause = raised.cause();
        a.detail = raised.detail();
        a.raisedAt = now;
        return a;
    }

    /** A doctor saw it and says what was done; once. */
    void acknowledge(String by, String note, Instant now) {
        if (acknowledgedAt != null) {
            throw new CarePlanProblems.AlreadyAcknowledged(id);
        }
        acknowledgedAt = now;
        acknowledgedBy = by;
        this.note = note;
    }

    public UUID id() {
        return id;
    }

    public UUID patientId() {
        return patientId;
    }

    public UUID planId() {
        return planId;
    }

    public Rule rule() {
        return rule;
    }

    public String cause() {
        return cause;
    }

    public String detail() {
        return detail;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public String note() {
        return note;
    }
}
