package org.ihospital.pharmacy.order;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What insurance decided about a prescription, as far as an order cares: what the patient pays, and
 * whether a hold blocks dispensing. Kept from the claim events; the latest word wins, except that a
 * void is final.
 */
@Entity
@Table(name = "claim_outcome")
public class ClaimOutcome {

    public enum Status {
        /** Priced; the patient pays their share. */
        ADJUDICATED,
        /** Priced, but a cost-control flag waits for an auditor: nothing may be dispensed until it is released. */
        HELD,
        /** Not covered: the patient pays the full price. */
        REJECTED,
        /** Could not even be priced: not orderable online. */
        UNPRICEABLE,
        /** The claim will never be settled. */
        VOIDED
    }

    @Id
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Column(name = "claim_id")
    private UUID claimId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "patient_pays")
    private Long patientPays;
    private String reason;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ClaimOutcome() {
    }

    static ClaimOutcome of(UUID prescription, UUID claim) {
        ClaimOutcome c = new ClaimOutcome();
        c.prescriptionId = prescription;
        c.claimId = claim;
        return c;
    }

    /** The claim's latest word; after a void nothing changes it. */
    void record(UUID claim, Status status, Long patientPays, String reason, Instant at) {
        if (this.status == Status.VOIDED) {
            return;
        }
        this.claimId = claim;
        this.status = status;
        if (patientPays != null || status == Status.UNPRICEABLE) {
            this.patientPays = patientPays;
        }
        this.reason = reason;
        this.updatedAt = at;
    }

    /** A hold was released: the claim is adjudicated again, its split unchanged. */
    void released(UUID claim, Instant at) {
        if (status == Status.HELD && claimId.equals(claim)) {
            status = Status.ADJUDICATED;
            reason = null;
            updatedAt = at;
        }
    }

    public UUID prescriptionId() {
        return prescriptionId;
    }

    public Status status() {
        return status;
    }

    public Long patientPays() {
        return patientPays;
    }

    public String reason() {
        return reason;
    }
}
