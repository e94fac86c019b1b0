package org.ihospital.pharmacy.payment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The sandbox provider's own record of a payment (a real provider keeps these on its side). */
@Entity
@Table(name = "sandbox_payment")
public class SandboxPayment {

    public enum Status {
        PENDING, CONFIRMED, REFUNDED
    }

    @Id
    private String id;
    @Column(name = "order_id")
    private UUID orderId;
    private long amount;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "confirmed_at")
    private Instant confirmedAt;
    @Column(name = "refunded_at")
    private Instant refundedAt;

    protected SandboxPayment() {
    }

    static SandboxPayment start(UUID order, long amount, Instant now) {
        SandboxPayment p = new SandboxPayment();
        p.id = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        p.orderId = order;
        p.amount = amount;
        p.status = Status.PENDING;
        p.createdAt = now;
        return p;
    }

    void confirm(Instant now) {
        if (status == Status.PENDING) {
            status = Status.CONFIRMED;
            confirmedAt = now;
        }
    }

    /** @return whether it was refunded now (false: it was before) */
    boolean refund(long amount, Instant now) {
        if (status == Status.REFUNDED) {
            return false;
        }
        if (amount != this.amount) {
            throw new IllegalArgumentException("the sandbox refunds whole payments only");
        }
        status = Status.REFUNDED;
        refundedAt = now;
        return true;
    }

    public String id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public long amount() {
        return amount;
    }

    public Status status() {
        return status;
    }
}
