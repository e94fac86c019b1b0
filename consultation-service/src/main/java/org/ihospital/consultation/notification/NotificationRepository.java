package org.ihospital.consultation.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of notifications and their deliveries. Runs in the caller's session. */
@ApplicationScoped
class NotificationRepository {

    /** Deliveries due now, oldest first (not locked: each is locked by the transaction that sends it). */
    Uni<List<UUID>> dueIds(Instant now, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select id from notification_delivery where status = 'PENDING' and next_attempt_at <= ?1
                order by next_attempt_at limit ?2""", UUID.class).setParameter(1, now).setParameter(2, limit).getResultList());
    }

    /**
     * The delivery, locked, if it is still due; null when it was sent meanwhile or another replica's dispatcher
     * holds it (native: PostgreSQL's {@code FOR UPDATE SKIP LOCKED}).
     */
    Uni<NotificationDelivery> lockIfDue(UUID id, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select id from notification_delivery where id = ?1 and status = 'PENDING' and next_attempt_at <= ?2
                for update skip locked""", UUID.class).setParameter(1, id).setParameter(2, now).getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem()
                        : s.createSelectionQuery("from NotificationDelivery d join fetch d.notification where d.id = ?1", NotificationDelivery.class)
                                .setParameter(1, id).getSingleResult()));
    }

    /** The account's notifications the in-app channel carries, after sequence number {@code after}, oldest first. */
    Uni<List<Notification>> inAppAfter(String recipient, long after, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("""
                from Notification n where n.recipient = ?1 and n.seq > ?2
                and exists (from NotificationDelivery d where d.notification = n and d.channel = ?3) order by n.seq""", Notification.class)
                .setParameter(1, recipient).setParameter(2, after).setParameter(3, NotificationChannel.IN_APP).setMaxResults(limit).getResultList());
    }

    /** The account's notifications the in-app channel carries, newest first, before sequence number {@code before}. */
    Uni<List<Notification>> inAppBefore(String recipient, long before, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("""
                from Notification n where n.recipient = ?1 and n.seq < ?2
                and exists (from NotificationDelivery d where d.notification = n and d.channel = ?3) order by n.seq desc""", Notification.class)
                .setParameter(1, recipient).setParameter(2, before).setParameter(3, NotificationChannel.IN_APP).setMaxResults(limit).getResultList());
    }
}
