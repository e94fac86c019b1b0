package org.ihospital.insurance.claim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;

/**
 * The insurance claim of one approved prescription (医保结算单): adjudicated with its split, or rejected
 * (self-pay, or not even priceable); settled once when the medicine is delivered, or voided (giving the
 * patient's year back exactly what it took).
 */
@Entity
@Table(name = "claim")
public class Claim implements EventSource {

    public enum Status {
        ADJUDICATED, REJECTED, SETTLED, VOIDED
    }

    @Id
    private UUID id;
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "patient_account")
    private String patientAccount;
    private int year;
    @Enumerated(EnumType.STRING)
    private Status status;
    private long total;
    @Column(name = "basic_pays")
    private long basicPays;
    @Column(name = "supplementary_pays")
    private long supplementaryPays;
    @Column(name = "patient_pays")
    private Long patientPays;
    @Column(name = "takes_deductible")
    private long takesDeductible;
    @Column(name = "takes_basic")
    private long takesBasic;
    @Column(name = "takes_supplementary")
    private long takesSupplementary;
    private String reason;
    @Column(name = "policy_id")
    private UUID policyId;
    @Column(name = "adjudicated_at")
    private Instant adjudicatedAt;
    @Column(name = "settled_at")
    private Instant settledAt;
    @Column(name = "voided_at")
    private Instant voidedAt;
    /** A flag of hold severity (cost control, a payer's objection) waits for an auditor: nothing is dispensed meanwhile. */
    private boolean held;
    @Column(name = "opening_deductible_used")
    private long openingDeductibleUsed;
    @Column(name = "opening_basic_paid")
    private long openingBasicPaid;
    @Column(name = "opening_supplementary_paid")
    private long openingSupplementaryPaid;
    /** When the payers confirmed the split (pre-settlement): {@code claim.adjudicated} is published then. */
    @Column(name = "confirmed_at")
    private Instant confirmedAt;
    /** When its order was paid: from then on the order's events end the claim, not the prescription's expiry. */
    @Column(name = "order_paid_at")
    private Instant orderPaidAt;
    /** The trace of the prescription's flow (W3C traceparent): the payers' later answers publish in it. */
    private String traceparent;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "claim_line", joinColumns = @JoinColumn(name = "claim_id"))
    @OrderBy("line")
    private List<ClaimLine> lines = new ArrayList<>();

    @Transient
    private final RecordedEvents events = new RecordedEvents();

    protected Claim() {
    }

    /** Whose prescription, when it was approved (which year's accumulators it counts against), and each line's ATC class. */
    public record Prescription(UUID prescriptionId, UUID patientId, String patientAccount, int year, java.util.Map<Integer, String> atcByLine) {
    }

    /** Joins the flow's trace (the approved prescription's event that opened the claim). */
    void partOfTrace(String traceparent) {
        this.traceparent = traceparent;
    }

    @Override
    public String traceparent() {
        return traceparent;
    }

    private static Claim of(Prescription p, Instant now) {
        Claim c = new Claim();
        c.id = UUID.randomUUID();
        c.prescriptionId = p.prescriptionId();
        c.patientId = p.patientId();
        c.patientAccount = p.patientAccount();
        c.year = p.year();
        c.adjudicatedAt = now;
        return c;
    }

    /**
     * The policy covers it: the split stands, and the year ({@code opening} before it) takes what it takes.
     * It is published once the payers confirmed it ({@link #confirm}).
     */
    static Claim adjudicated(Prescription p, UUID policy, Adjudication.Split split, YearToDate opening, boolean held, Instant now) {
        Claim c = of(p, now);
        c.status = Status.ADJUDICATED;
        c.policyId = policy;
        c.held = held;
        c.openingDeductibleUsed = opening.deductibleUsed();
        c.openingBasicPaid = opening.basicPaid();
        c.openingSupplementaryPaid = opening.supplementaryPaid();
        c.lines.addAll(split.lines().stream().map(l -> ClaimLine.of(l, p.atcByLine().get(l.line()))).toList());
        c.total = split.total();
        c.basicPays = split.basicPays();
        c.supplementaryPays = split.supplementaryPays();
        c.patientPays = split.patientPays();
        c.takesDeductible = split.takes().deductibleUsed();
        c.takesBasic = split.takes().basicPaid();
        c.takesSupplementary = split.takes().supplementaryPaid();
        return c;
    }

    /** No coverage: the patient pays the full price (the split with no payer). */
    static Claim selfPay(Prescription p, Adjudication.Split fullPrice, String reason, Instant now) {
        Claim c = of(p, now);
        c.status = Status.REJECTED;
        c.lines.addAll(fullPrice.lines().stream().map(l -> ClaimLine.of(l, p.atcByLine().get(l.line()))).toList());
        c.total = fullPrice.total();
        c.patientPays = fullPrice.total();
        c.reason = reason;
        c.events.record(ClaimEvents.rejected(c, now));
        return c;
    }

    /** Not even priceable (a drug the catalogue lacks): rejected with the reason, nothing to pay online. */
    static Claim unpriceable(Prescription p, List<Adjudication.Line> lines, String reason, Instant now) {
        Claim c = of(p, now);
        c.status = Status.REJECTED;
        c.lines.addAll(lines.stream().map(l -> ClaimLine.unpriced(l, p.atcByLine().get(l.line()))).toList());
        c.reason = reason;
        c.events.record(ClaimEvents.rejected(c, now));
        return c;
    }

    /**
     * The payers answered the pre-settlement: the claim is published ({@code claim.adjudicated}), held when
     * a flag holds it (cost control, or a payer that refused or disagrees).
     *
     * @return whether it was confirmed now
     */
    boolean confirm(boolean payerHold, Instant now) {
        if (status != Status.ADJUDICATED || confirmedAt != null) {
            return false;
        }
        held = held || payerHold;
        confirmedAt = now;
        events.record(ClaimEvents.adjudicated(this, adjudicatedAt));
        return true;
    }

    /**
     * An auditor resolved the last holding flag: the claim is released, once ({@code claim.released} when
     * it was published held; before the payers confirmed it, it is simply published unheld).
     *
     * @return whether it was released now
     */
    boolean release(Instant now) {
        if (!held || status != Status.ADJUDICATED) {
            return false;
        }
        held = false;
        if (confirmedAt != null) {
            events.record(ClaimEvents.released(this, now));
        }
        return true;
    }

    /** What the patient's year had used before this claim. */
    YearToDate opening() {
        return new YearToDate(openingDeductibleUsed, openingBasicPaid, openingSupplementaryPaid);
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    /** Its order was paid (the first time counts). */
    void orderPaid(Instant at) {
        if (orderPaidAt == null) {
            orderPaidAt = at;
        }
    }

    /** Whether an order of it was paid: an expiry of the prescription no longer ends it. */
    boolean orderPaid() {
        return orderPaidAt != null;
    }

    public boolean held() {
        return held;
    }

    /** What it took from the patient's year (nothing unless adjudicated). */
    YearToDate takes() {
        return new YearToDate(takesDeductible, takesBasic, takesSupplementary);
    }

    /**
     * The medicine was delivered: settled, once.
     *
     * @return whether it was settled now
     */
    boolean settle(Instant now) {
        if (status != Status.ADJUDICATED && status != Status.REJECTED || settledAt != null) {
            return false;
        }
        if (status == Status.ADJUDICATED) {
            status = Status.SETTLED;
        }
        settledAt = now;
        events.record(ClaimEvents.settled(this, now));
        return true;
    }

    /**
     * Delivered although it was voided (the prescription's expiry was heard before the payment): settled
     * after all, once — covered, it takes its share of the patient's year again, which the caller does.
     *
     * @return whether it was settled now
     */
    boolean settleAfterVoid(Instant now) {
        if (status != Status.VOIDED || settledAt != null) {
            return false;
        }
        status = policyId != null ? Status.SETTLED : Status.REJECTED;
        reason = "delivered after it was voided (" + reason + ")";
        settledAt = now;
        events.record(ClaimEvents.settled(this, now));
        return true;
    }

    /**
     * It will never be settled (cancelled, unroutable, revoked, expired): voided, once; an adjudicated claim
     * gives its take back to the patient's year, which the caller does.
     *
     * @return whether it was voided now
     */
    boolean voidFor(String why, Instant now) {
        if (status == Status.VOIDED || status == Status.SETTLED || settledAt != null) {
            return false;
        }
        status = Status.VOIDED;
        reason = why;
        voidedAt = now;
        events.record(ClaimEvents.voided(this, why, now));
        return true;
    }

    @Override
    public List<PendingEvent> drainEvents() {
        return events.drain();
    }

    public UUID id() {
        return id;
    }

    public UUID prescriptionId() {
        return prescriptionId;
    }

    public UUID patientId() {
        return patientId;
    }

    public String patientAccount() {
        return patientAccount;
    }

    public int year() {
        return year;
    }

    public Status status() {
        return status;
    }

    public long total() {
        return total;
    }

    public long basicPays() {
        return basicPays;
    }

    public long supplementaryPays() {
        return supplementaryPays;
    }

    public long insurerPays() {
        return basicPays + supplementaryPays;
    }

    public Long patientPays() {
        return patientPays;
    }

    public String reason() {
        return reason;
    }

    public UUID policyId() {
        return policyId;
    }

    public Instant adjudicatedAt() {
        return adjudicatedAt;
    }

    public Instant settledAt() {
        return settledAt;
    }

    public Instant voidedAt() {
        return voidedAt;
    }

    public List<ClaimLine> lines() {
        return List.copyOf(lines);
    }
}
