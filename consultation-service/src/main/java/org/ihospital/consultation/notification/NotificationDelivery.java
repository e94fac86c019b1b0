package org.ihospital.consultation.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A notification's way out through one channel: pending until the channel took it, tried again with
 * back-off when it failed (1 s doubling to an hour), given up after the configured attempts.
 */
@Entity
@Table(name = "notification_delivery")
class NotificationDelivery {

    enum Status {
        PENDING, SENT, FAILED
    }

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "notification_id")
    private Notification notification;
    private String channel;
    @Enumerated(EnumType.STRING)
    private Status status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(name = "last_error")
    private String lastError;

    protected NotificationDelivery() {
    }

    static NotificationDelivery of(Notification notification, String channel, Instant now) {
        NotificationDelivery d = new NotificationDelivery();
        d.id = UUID.randomUUID();
        d.notification = notification;
        d.channel = channel;
        d.status = Status.PENDING;
        d.nextAttemptAt = now;
        return d;
    }

    Notification notification() {
        return notification;
    }

    String channel() {
        return channel;
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    void sent(Instant now) {
        attempts++;
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    /** The channel refused or failed: another try after a wait that doubles, or given up after {@code maxAttempts}. */
    void failed(String error, Instant now, int maxAttempts) {
        attempts++;
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (attempts >= maxAttempts) {
            status = Status.FAILED;
            return;
        }
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 12));
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }
}
