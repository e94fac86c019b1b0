package org.ihospital.consultation.notification;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.metrics.DatabaseMeters;

import io.quarkus.runtime.StartupEvent;

/**
 * How the notifier keeps up: deliveries waiting (a channel that fails keeps them waiting) and deliveries
 * given up after the last attempt, per channel; counted from the rows, the same on every replica.
 */
@ApplicationScoped
class NotificationMetrics {

    void register(@Observes StartupEvent started, DatabaseMeters meters) {
        meters.gauge("hospital.notifications.pending", "Notification deliveries not sent yet", null,
                "select count(*) from notification_delivery where status = 'PENDING'");
        meters.counters("hospital.notifications.failed", "Notification deliveries given up after the last attempt, by channel", "channel",
                List.of("in-app", "push", "sms"),
                "select channel, count(*) from notification_delivery where status = 'FAILED' group by channel");
    }
}
