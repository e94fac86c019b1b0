package org.ihospital.insurance.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An insurance policy (operators): its benefits and the period it is sold for. */
@Entity
@Table(name = "policy")
public class Policy {

    @Id
    private UUID id;
    private String name;
    private long deductible;
    @Column(name = "annual_cap")
    private long annualCap;
    @Column(name = "class_b_self_pay")
    private int classBSelfPay;
    private int reimbursement;
    @Column(name = "supplementary_reimbursement")
    private Integer supplementaryReimbursement;
    @Column(name = "supplementary_annual_cap")
    private Long supplementaryAnnualCap;
    @Column(name = "supplementary_covers_class_c")
    private Boolean supplementaryCoversClassC;
    @Column(name = "valid_from")
    private LocalDate validFrom;
    @Column(name = "valid_until")
    private LocalDate validUntil;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected Policy() {
    }

    static Policy create(String name, Benefits benefits, LocalDate from, LocalDate until, String operator, Instant now) {
        if (until.isBefore(from)) {
            throw new PolicyProblems.InvalidPeriod();
        }
        Policy p = new Policy();
        p.id = UUID.randomUUID();
        p.name = name;
        p.deductible = benefits.deductible();
        p.annualCap = benefits.annualCap();
        p.classBSelfPay = benefits.classBSelfPay();
        p.reimbursement = benefits.reimbursement();
        if (benefits.supplementary() != null) {
            p.supplementaryReimbursement = benefits.supplementary().reimbursement();
            p.supplementaryAnnualCap = benefits.supplementary().annualCap();
            p.supplementaryCoversClassC = benefits.supplementary().coversClassC();
        }
        p.validFrom = from;
        p.validUntil = until;
        p.createdAt = now;
        p.createdBy = operator;
        return p;
    }

    public Benefits benefits() {
        return new Benefits(deductible, annualCap, classBSelfPay, reimbursement, supplementaryReimbursement == null ? null
                : new Benefits.Supplementary(supplementaryReimbursement, supplementaryAnnualCap, supplementaryCoversClassC));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validUntil() {
        return validUntil;
    }
}
