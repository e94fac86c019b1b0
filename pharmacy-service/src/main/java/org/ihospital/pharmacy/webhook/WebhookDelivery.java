package org.ihospital.pharmacy.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One webhook to one partner, from its first attempt to DELIVERED (a 2xx answer) or FAILED (the last
 * retry of the schedule failed too). Every attempt carries the same {@code webhook-id}, so that the
 * partner can tell a retry from a new message.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    @Id
    private UUID id;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "partner_id")
    private UUID partnerId;
    private String type;
    private String payload;
    @Enumerated(EnumType.STRING)
    private Status status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "last_status")
    private Integer lastStatus;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "failed_at")
    private Instant failedAt;

    protected WebhookDelivery() {
    }

    /** A webhook to send now; {@code payload} is the JSON body exactly as it will be signed and sent. */
    static WebhookDelivery of(UUID partner, String type, String payload, Instant now) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.messageId = "msg_" + d.id.toString().replace("-", "");
        d.partnerId = partner;
        d.type = type;
        d.payload = payload;
        d.status = Status.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        return d;
    }

    /**
     * An operator sends it again, with the same webhook-id, from a fresh schedule.
     *
     * @return false when it is still pending (it will be sent anyway)
     */
    boolean replay(Instant now) {
        if (status == Status.PENDING) {
            return false;
        }
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        failedAt = null;
        deliveredAt = null;
        return true;
    }

    public UUID id() {
        return id;
    }

    public String messageId() {
        return messageId;
    }

    public UUID partnerId() {
        return partnerId;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant failedAt() {
        return failedAt;
    }
}
