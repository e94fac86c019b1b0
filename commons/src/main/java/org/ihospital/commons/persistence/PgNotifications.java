package org.ihospital.commons.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * PostgreSQL {@code LISTEN}: one connection per process that fans notifications out to handlers. A
 * transaction that {@code NOTIFY}s is heard only once it commits, by every replica: the way the
 * relay wakes up and server-sent events reach the replica a client is connected to.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    public PgNotifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}, on a Vert.x event loop. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        handlers.put(channel, handler);
        if (subscriber == null) {
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
            subscriber.connect().onFailure(e -> LOG.warnf("Cannot LISTEN on PostgreSQL (notifications off until it reconnects): %s",
                    e.toString()));
        }
        subscriber.channel(channel).handler(payload -> {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                LOG.warnf("Handler of PostgreSQL channel %s failed: %s", channel, e.toString());
            }
        });
    }

    synchronized void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }
}
