package org.ihospital.consultation.notification;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.ihospital.commons.queue.OneByOne;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Works off the pending deliveries: each through its channel, in a transaction of its own that holds its row,
 * so replicas dispatch side by side and a delivery is marked sent only with the channel's success. A channel
 * that fails is tried again later; a setting that names no channel stops the start. At least once: a crash
 * between a provider's acceptance and the commit sends that one again.
 */
@ApplicationScoped
public class NotificationDeliveryService {

    private static final Logger LOG = Logger.getLogger(NotificationDeliveryService.class);
    private static final int BATCH = 50;

    private final NotificationRepository notifications;
    private final Map<String, NotificationChannel> channels = new HashMap<>();
    private final Clock clock;
    private final int maxAttempts;

    NotificationDeliveryService(NotificationRepository notifications, Instance<NotificationChannel> adapters, Clock clock,
            ConsultationConfig config) {
        this.notifications = notifications;
        this.clock = clock;
        this.maxAttempts = config.notifications().maxAttempts();
        for (NotificationChannel adapter : adapters) {
            if (channels.put(adapter.name(), adapter) != null) {
                throw new IllegalStateException("two notification channels are named " + adapter.name());
            }
        }
    }

    void check(@Observes StartupEvent started, NotificationService notifications) {
        for (String asked : notifications.channelsAskedFor()) {
            if (!channels.containsKey(asked)) {
                throw new IllegalStateException("no notification channel named " + asked + " (there are " + channels.keySet() + ")");
            }
        }
    }

    @Scheduled(every = "${hospital.consultation.notifications.dispatch-every:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        // each delivery in a transaction of its own: one whose channel or database fails rolls back alone
        return OneByOne.sweep("Notification dispatch", () -> notifications.dueIds(clock.instant(), BATCH),
                id -> notifications.lockIfDue(id, clock.instant()).chain(d -> d == null ? Uni.createFrom().voidItem() : deliver(d)));
    }

    private Uni<Void> deliver(NotificationDelivery delivery) {
        NotificationChannel channel = channels.get(delivery.channel());
        Uni<Void> sent = channel == null
                ? Uni.createFrom().failure(new IllegalStateException("no channel " + delivery.channel()))
                : Uni.createFrom().deferred(() -> channel.deliver(delivery.notification()));
        return sent.invoke(() -> delivery.sent(clock.instant()))
                .onFailure().recoverWithItem(e -> {
                    // a provider's error may quote the phone number or the token: only a channel's own reason is kept
                    String reason = e instanceof NotificationChannel.Failure ? e.getMessage() : e.getClass().getName();
                    delivery.failed(reason, clock.instant(), maxAttempts);
                    LOG.warnf("Delivery of notification %s through %s failed (attempt %d): %s", delivery.notification().id(),
                            delivery.channel(), delivery.attempts(), reason);
                    return null;
                });
    }
}
