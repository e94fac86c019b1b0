package org.ihospital.consultation.notification.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.PgNotifications;
import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationChannel;
import org.ihospital.consultation.notification.NotificationFeedHandler;

import io.smallrye.mutiny.Uni;

/**
 * In the apps: the notification is kept (the person's list) and announced with PostgreSQL NOTIFY in the
 * delivery's transaction, heard once it commits by every replica's live streams.
 */
@ApplicationScoped
class InAppChannel implements NotificationChannel {

    private final NotificationFeedHandler feed;

    InAppChannel(NotificationFeedHandler feed) {
        this.feed = feed;
    }

    @Override
    public String name() {
        return IN_APP;
    }

    @Override
    public Uni<Void> deliver(Notification notification) {
        return PgNotifications.announce(NotificationFeedHandler.CHANNEL, feed.payload(notification));
    }
}
