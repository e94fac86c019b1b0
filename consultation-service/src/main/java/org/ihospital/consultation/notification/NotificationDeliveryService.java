package org.ihospital.consultation.notification;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Works off the pending deliveries: each through its channel, in a transaction that holds its row, so
 * replicas dispatch side by side and a delivery is marked sent only with the channel's success. A
 * channel that fails is tried again later; a setting that names no channel stops the start.
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
        return Panache.withTransaction(() -> notifications.lockDue(clock.instant(), BATCH)
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::deliver).collect().last()))
                .onFailure().invoke(e -> LOG.warnf("Notification dispatch failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> deliver(NotificationDelivery delivery) {
        NotificationChannel channel = channels.get(delivery.channel());
        Uni<Void> sent = channel == null
                ? Uni.createFrom().failure(new IllegalStateException("no channel " + delivery.channel()))
                : Uni.createFrom().deferred(() -> channel.deliver(delivery.notification()));
        return sent.invoke(() -> delivery.sent(clock.instant()))
                .onFailure().recoverWithItem(e -> {
                    delivery.failed(e.toString(), clock.instant(), maxAttempts);
                    LOG.warnf("Delivery of notification %s through %s failed (attempt %d): %s", delivery.notification().id(),
                            delivery.channel(), delivery.attempts(), e.toString());
                    return null;
                });
    }
}
