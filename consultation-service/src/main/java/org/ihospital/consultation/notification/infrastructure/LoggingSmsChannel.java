package org.ihospital.consultation.notification.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationChannel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Text messages, as far as this repository goes: the port's local implementation writes one log line (the
 * notification's id and kind, never the phone number or the text). A hospital puts its provider's adapter in
 * this class's place, under the same channel name.
 */
@ApplicationScoped
class LoggingSmsChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(LoggingSmsChannel.class);

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public Uni<Void> deliver(Notification n) {
        LOG.infof("Sms of notification %s (%s) handed to the logging adapter", n.id(), n.kind());
        return Uni.createFrom().voidItem();
    }
}
