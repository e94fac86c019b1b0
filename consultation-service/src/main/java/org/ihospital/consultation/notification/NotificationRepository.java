package org.ihospital.consultation.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.RowLocks;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rows of notifications and their deliveries. Runs in the caller's session. */
@ApplicationScoped
class NotificationRepository {

    /** Deliveries due now, oldest first (not locked: each is locked by the transaction that sends it). */
    Uni<List<UUID>> dueIds(Instant now, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("""
                select d.id from NotificationDelivery d where d.status = ?1 and d.nextAttemptAt <= ?2 order by d.nextAttemptAt""", UUID.class)
                .setParameter(1, NotificationDelivery.Status.PENDING).setParameter(2, now).setMaxResults(limit).getResultList());
    }

    /**
     * The delivery, locked, if it is still due; null when it was sent meanwhile or another replica's dispatcher
     * holds it (commons RowLocks: skip locked).
     */
    Uni<NotificationDelivery> lockIfDue(UUID id, Instant now) {
        return RowLocks.lockFreeIds("select d.id from NotificationDelivery d where d.id = ?1 and d.status = ?2 and d.nextAttemptAt <= ?3", 1,
                id, NotificationDelivery.Status.PENDING, now)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<NotificationDelivery> nullItem() : Panache.getSession().chain(s -> s
                        .createSelectionQuery("from NotificationDelivery d join fetch d.notification where d.id = ?1", NotificationDelivery.class)
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
