package org.ihospital.consultation.notification.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationChannel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Mobile push, as far as this repository goes: the port's local implementation writes one log line (the
 * notification's id and kind, never a device token or the text). A hospital puts its provider's adapter in
 * this class's place, under the same channel name.
 */
@ApplicationScoped
class LoggingPushChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(LoggingPushChannel.class);

    @Override
    public String name() {
        return "push";
    }

    @Override
    public Uni<Void> deliver(Notification n) {
        LOG.infof("Push of notification %s (%s) handed to the logging adapter", n.id(), n.kind());
        return Uni.createFrom().voidItem();
    }
}
