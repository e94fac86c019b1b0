package org.ihospital.pharmacy.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.live.Live;
import org.ihospital.commons.persistence.PgNotifications;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Live steps of orders for server-sent events: announced with PostgreSQL NOTIFY when their transaction
 * commits, so a patient connected to any replica follows an order that another replica moves on.
 */
@ApplicationScoped
public class OrderStepsHandler {

    private static final Logger LOG = Logger.getLogger(OrderStepsHandler.class);

    private final BroadcastProcessor<Order.StepAnnounced> steps = BroadcastProcessor.create();
    private final PgNotifications notifications;
    private final ObjectMapper json;

    public OrderStepsHandler(PgNotifications notifications, ObjectMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        notifications.listen(OrderService.CHANNEL, payload -> {
            try {
                steps.onNext(json.readerFor(Order.StepAnnounced.class)
                        .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload));
            } catch (Exception e) {
                LOG.warnf("Ignoring an unreadable order step: %s", e.toString());
            }
        });
    }

    /** One order's steps from now on, held until read: subscribe first, read the order's steps second, and nothing committed in between is missed. */
    public Live.Held<Order.StepAnnounced> liveFrom(UUID order) {
        return Live.hold(steps, s -> order.equals(s.orderId()));
    }

    /**
     * The stream a patient reads: the steps after {@code afterSeq} already recorded, then the live ones
     * (each once, by number), heartbeats (seq 0) so that proxies keep the connection, and the end after
     * the order's last step.
     */
    public static Multi<Order.StepAnnounced> stream(UUID order, OrderService.Steps recorded, Multi<Order.StepAnnounced> live, Duration heartbeat) {
        int covered = recorded.steps().stream().mapToInt(OrderService.StepView::seq).max().orElse(0);
        var start = recorded.steps().stream().map(s -> new Order.StepAnnounced(order, s.seq(), s.step(), s.detail(), s.at(), false)).toList();
        if (recorded.ended()) {
            return Multi.createFrom().iterable(start);
        }
        Multi<Order.StepAnnounced> beats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .map(t -> new Order.StepAnnounced(order, 0, "heartbeat", null, Instant.now(), false));
        Multi<Order.StepAnnounced> after = Multi.createBy().merging().streams(live.select().where(s -> s.seq() > covered), beats);
        Multi<Order.StepAnnounced> all = Multi.createBy().concatenating().streams(Multi.createFrom().iterable(start), after);
        return Live.until(all, Order.StepAnnounced::last);
    }
}
