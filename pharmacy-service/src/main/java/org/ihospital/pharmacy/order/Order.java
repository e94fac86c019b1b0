package org.ihospital.pharmacy.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.ihospital.commons.messaging.EventSource;
import org.ihospital.commons.messaging.PendingEvent;
import org.ihospital.commons.messaging.RecordedEvents;

/**
 * An order of one approved prescription for home delivery (配送): paid (the patient's share), routed to a
 * partner pharmacy that serves the region and has the stock, and followed by the partner's reports to
 * delivery. pharmacy-service decides dispensing: a prescription is dispensed at most once.
 */
@Entity
@Table(name = "pharmacy_order")
public class Order implements EventSource {

    public enum Status {
        AWAITING_PAYMENT, PAID, ROUTED, ACCEPTED, CANCELLING, DISPENSED, SHIPPED, DELIVERED, CANCELLED, UNROUTABLE;

        boolean terminal() {
            return this == DELIVERED || this == CANCELLED || this == UNROUTABLE;
        }
    }

    /** What a partner reports about an order it was sent. */
    public enum PartnerStatus {
        ACCEPTED, REJECTED, DISPENSED, SHIPPED, DELIVERED,
        /** The partner confirms it will not dispense an order the hospital withdrew (a revoked prescription). */
        CANCELLED
    }

    /** What became of a doctor's request to revoke the prescription. */
    public enum Revocation {
        /** Cancelled now (no pharmacy had it): confirmed. */
        CANCELLED,
        /** A pharmacy has it: it is asked, and its answer decides. */
        AWAITING_PARTNER,
        /** Dispensed already: refused. */
        REFUSED
    }

    /** What the partner's report did. */
    public enum Reported {
        /** It moved the order on. */
        CHANGED,
        /** It repeated what the order already says: nothing changed. */
        REPEATED,
        /** The partner gave the order up: it must go to the next partner. */
        GIVEN_UP,
        /** The partner confirmed the cancellation of a withdrawn order: its reservation goes back. */
        CANCELLATION_CONFIRMED
    }

    @Id
    private UUID id;
    @Column(name = "prescription_id")
    private UUID prescriptionId;
    @Column(name = "patient_id")
    private UUID patientId;
    @Column(name = "patient_account")
    private String patientAccount;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "patient_pays")
    private long patientPays;
    @Embedded
    private DeliveryAddress address;
    @Column(name = "pharmacy_id")
    private UUID pharmacyId;
    @Column(name = "routed_at")
    private Instant routedAt;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "refund_id")
    private String refundId;
    private String reason;
    @Column(name = "created_at")
    private Instant createdAt;
    /** The trace of the prescription's flow (W3C traceparent), continued by later steps on this aggregate. */
    private String traceparent;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "pharmacy_order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("line")
    private List<OrderItem> items = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "pharmacy_order_attempt", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "ordinal")
    private List<RoutingAttempt> attempts = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "pharmacy_order_step", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "seq")
    private List<OrderStep> steps = new ArrayList<>();

    @Transient
    private final RecordedEvents events = new RecordedEvents();
    /** Steps taken since the order was loaded (or made) that live followers have not heard of. */
    @Transient
    private int unannounced;

    protected Order() {
    }

    /** The steps since the last call, numbered from 1 in the order's sequence: what live followers have not heard. */
    List<StepAnnounced> unannouncedSteps() {
        List<StepAnnounced> fresh = new ArrayList<>();
        for (int i = steps.size() - unannounced; i < steps.size(); i++) {
            OrderStep s = steps.get(i);
            fresh.add(new StepAnnounced(id, i + 1, s.status(), s.detail(), s.at(), status.terminal() && i == steps.size() - 1));
        }
        unannounced = 0;
        return fresh;
    }

    /** A step as announced: which order, its number, what, why, when, and whether it is the order's last. */
    public record StepAnnounced(UUID orderId, int seq, String step, String detail, Instant at, boolean last) {
    }

    /** Joins the flow's trace: later requests on this aggregate write their events in it. */
    void partOfTrace(String traceparent) {
        this.traceparent = traceparent;
    }

    @Override
    public String traceparent() {
        return traceparent;
    }

    /**
     * A patient orders an approved prescription. Nothing to pay (insurance pays it all): paid at once.
     *
     * @param patientPays the patient's share in fen, from the claim
     */
    static Order place(UUID prescriptionId, UUID patientId, String patientAccount, List<OrderItem> items, DeliveryAddress address,
            long patientPays, Instant now) {
        Order o = new Order();
        o.id = UUID.randomUUID();
        o.prescriptionId = prescriptionId;
        o.patientId = patientId;
        o.patientAccount = patientAccount;
        o.items.addAll(items);
        o.address = address;
        o.patientPays = patientPays;
        o.createdAt = now;
        o.move(Status.AWAITING_PAYMENT, OrderEvents.CREATED, null, now);
        if (patientPays == 0) {
            o.move(Status.PAID, OrderEvents.PAID, "nothing to pay: insurance pays it all", now);
        }
        return o;
    }

    /** The payment provider started a payment for this order. */
    void paymentStarted(String payment, Instant now) {
        if (status != Status.AWAITING_PAYMENT) {
            throw new OrderProblems.NotPayable(id, status);
        }
        this.paymentId = payment;
        this.updatedAt = now;
    }

    /**
     * The provider confirmed the payment. A repeated confirmation changes nothing.
     *
     * @return whether this confirmation paid the order (false: it was paid before)
     */
    boolean paid(String payment, long amount, Instant now) {
        if (status != Status.AWAITING_PAYMENT) {
            if (payment.equals(paymentId)) {
                return false;
            }
            throw new OrderProblems.NotPayable(id, status);
        }
        if (amount != patientPays) {
            throw new OrderProblems.WrongAmount(id);
        }
        paymentId = payment;
        move(Status.PAID, OrderEvents.PAID, null, now);
        return true;
    }

    /** Routed to a partner whose stock for every item is now reserved. */
    void routedTo(UUID pharmacy, Instant now) {
        if (status != Status.PAID && status != Status.ROUTED && status != Status.ACCEPTED) {
            throw new OrderProblems.IllegalTransition(id, status, Status.ROUTED.name());
        }
        pharmacyId = pharmacy;
        routedAt = now;
        attempts.add(new RoutingAttempt(pharmacy, now, null));
        move(Status.ROUTED, OrderEvents.ROUTED, null, now);
    }

    /** The partners this order was sent to so far. */
    List<UUID> triedPharmacies() {
        return attempts.stream().map(RoutingAttempt::pharmacyId).toList();
    }

    /** The current partner gave the order up (rejected it, or did not accept in time): it goes to the next. */
    void givenUp(String why, Instant now) {
        int last = attempts.size() - 1;
        attempts.set(last, attempts.get(last).ended(why));
        record(OrderEvents.REJECTED, why, now);
    }

    /** No partner can take it. The payment, if any, is refunded by the caller. */
    void unroutable(String why, Instant now) {
        pharmacyId = null;
        move(Status.UNROUTABLE, OrderEvents.UNROUTABLE, why, now);
    }

    void refunded(String refund) {
        this.refundId = refund;
    }

    /**
     * A partner reports on the order. Only the partner it was sent to may; a report of the status the order
     * already has (or a rejection it already made) is a harmless repeat; anything else out of turn is refused.
     *
     * @throws OrderProblems.IllegalTransition for a report out of turn
     */
    Reported reported(UUID pharmacy, PartnerStatus report, String tracking, Instant now) {
        if (status == Status.CANCELLING && pharmacy.equals(pharmacyId)) {
            return cancellingReported(report, now);
        }
        if (status == Status.CANCELLED && report == PartnerStatus.CANCELLED && pharmacy.equals(pharmacyId)) {
            return Reported.REPEATED;
        }
        if (report == PartnerStatus.CANCELLED) {
            throw new OrderProblems.IllegalTransition(id, status, report.name());
        }
        if (!pharmacy.equals(pharmacyId)) {
            // a partner the order was sent to before: its rejection (or time-out) was taken already
            if (report == PartnerStatus.REJECTED) {
                return Reported.REPEATED;
            }
            throw new OrderProblems.IllegalTransition(id, status, report.name() + " by a pharmacy that no longer has it");
        }
        if (report == PartnerStatus.REJECTED) {
            if (status == Status.ROUTED || status == Status.ACCEPTED) {
                return Reported.GIVEN_UP;
            }
            throw new OrderProblems.IllegalTransition(id, status, report.name());
        }
        Status target = Status.valueOf(report.name());
        if (status == target) {
            return Reported.REPEATED;
        }
        Status required = switch (report) {
            case ACCEPTED -> Status.ROUTED;
            case DISPENSED -> Status.ACCEPTED;
            case SHIPPED -> Status.DISPENSED;
            case DELIVERED -> Status.SHIPPED;
            case REJECTED, CANCELLED -> throw new IllegalStateException();
        };
        if (status != required) {
            throw new OrderProblems.IllegalTransition(id, status, report.name());
        }
        if (report == PartnerStatus.SHIPPED) {
            if (tracking == null || tracking.isBlank()) {
                throw new OrderProblems.TrackingNumberRequired();
            }
            trackingNumber = tracking.strip();
        }
        move(target, switch (report) {
            case ACCEPTED -> OrderEvents.ACCEPTED;
            case DISPENSED -> OrderEvents.DISPENSED;
            case SHIPPED -> OrderEvents.SHIPPED;
            default -> OrderEvents.DELIVERED;
        }, null, now);
        return Reported.CHANGED;
    }

    /** Cancelled before any pharmacy has it (by the patient, or because the prescription expired unpaid). */
    void cancel(String why, Instant now) {
        if (status != Status.AWAITING_PAYMENT && status != Status.PAID) {
            throw new OrderProblems.NotCancellable(id, status);
        }
        move(Status.CANCELLED, OrderEvents.CANCELLED, why, now);
    }

    /**
     * The doctor asked to revoke the prescription, and pharmacy decides: an order no pharmacy has yet is
     * cancelled (the caller refunds it) and the revocation confirmed; one a pharmacy has waits for the
     * pharmacy's answer (the caller asks it by webhook); a dispensed one refuses the revocation.
     */
    Revocation revocationRequested(Instant now) {
        switch (status) {
            case AWAITING_PAYMENT, PAID -> {
                move(Status.CANCELLED, OrderEvents.CANCELLED, "the prescription was revoked", now);
                events.record(OrderEvents.revocationConfirmed(this, now));
                return Revocation.CANCELLED;
            }
            case ROUTED, ACCEPTED -> {
                status = Status.CANCELLING;
                reason = "the prescription was revoked; waiting for the pharmacy to confirm it will not dispense";
                updatedAt = now;
                steps.add(new OrderStep("cancelling", reason, now));
                unannounced++;
                return Revocation.AWAITING_PARTNER;
            }
            case CANCELLING -> {
                return Revocation.AWAITING_PARTNER;
            }
            default -> {
                events.record(OrderEvents.revocationRefused(this, "the prescription was " + status.name().toLowerCase() + " already", now));
                return Revocation.REFUSED;
            }
        }
    }

    /** The pharmacy's answer to a withdrawn order: it will not dispense (cancelled, or rejected), or it already had. */
    private Reported cancellingReported(PartnerStatus report, Instant now) {
        switch (report) {
            case CANCELLED, REJECTED -> {
                move(Status.CANCELLED, OrderEvents.CANCELLED, "the prescription was revoked", now);
                events.record(OrderEvents.revocationConfirmed(this, now));
                return Reported.CANCELLATION_CONFIRMED;
            }
            case DISPENSED -> {
                move(Status.DISPENSED, OrderEvents.DISPENSED, "dispensed before the cancellation reached the pharmacy", now);
                events.record(OrderEvents.revocationRefused(this, "the pharmacy dispensed it before the revocation reached it", now));
                return Reported.CHANGED;
            }
            default -> throw new OrderProblems.IllegalTransition(id, status, report.name());
        }
    }

    /**
     * The prescription was revoked: an order not yet dispensed is cancelled (its partner, if any, is told
     * by the caller, which also releases the stock and refunds); a dispensed one stays as it is.
     *
     * @return whether it was cancelled
     */
    boolean prescriptionRevoked(Instant now) {
        if (status.terminal() || status == Status.DISPENSED || status == Status.SHIPPED) {
            return false;
        }
        move(Status.CANCELLED, OrderEvents.CANCELLED, "the prescription was revoked", now);
        return true;
    }

    private void move(Status to, org.ihospital.commons.messaging.CloudEventType type, String why, Instant now) {
        status = to;
        if (why != null) {
            reason = why;
        }
        record(type, why, now);
    }

    private void record(org.ihospital.commons.messaging.CloudEventType type, String why, Instant now) {
        updatedAt = now;
        steps.add(new OrderStep(type.event(), why, now));
        unannounced++;
        events.record(OrderEvents.of(this, type, why, now));
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

    public Status status() {
        return status;
    }

    public long patientPays() {
        return patientPays;
    }

    public DeliveryAddress address() {
        return address;
    }

    public UUID pharmacyId() {
        return pharmacyId;
    }

    public Instant routedAt() {
        return routedAt;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String paymentId() {
        return paymentId;
    }

    public String refundId() {
        return refundId;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<OrderItem> items() {
        return List.copyOf(items);
    }

    public List<OrderStep> steps() {
        return List.copyOf(steps);
    }

    boolean terminal() {
        return status.terminal();
    }
}
