package org.ihospital.commons.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * PostgreSQL {@code LISTEN}: one connection per process that fans notifications out to handlers. A
 * transaction that {@code NOTIFY}s is heard only once it commits, by every replica: the way the relay
 * wakes up and server-sent events reach the replica a client is connected to.
 *
 * <p>The connection is kept for good: a first connect that fails (PostgreSQL not up yet, refusing
 * connections) is retried with back-off (0.5 s doubling to 30 s) until it succeeds, and a lost
 * connection is re-established every second; channels are listened to again on every connection.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 30_000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public PgNotifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
    }

    /**
     * Announces {@code payload} on {@code channel} when the caller's transaction commits (PostgreSQL
     * {@code NOTIFY}; nothing is heard if it rolls back). In the caller's session.
     */
    public static Uni<Void> announce(String channel, String payload) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select cast(pg_notify(?1, ?2) as text)")
                .setParameter(1, channel).setParameter(2, payload).getSingleResult()).replaceWithVoid();
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}, on a Vert.x event loop. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        handlers.put(channel, handler);
        if (subscriber == null) {
            subscriber = newSubscriber();
            connect(subscriber, FIRST_RETRY_MS);
        } else {
            attach(subscriber, channel, handler);
        }
    }

    /** Whether the listening connection is up now. */
    public synchronized boolean connected() {
        return subscriber != null && !subscriber.closed() && subscriber.actualConnection() != null;
    }

    /** A subscriber listening to every channel asked for so far; it reconnects by itself once it was connected. */
    private PgSubscriber newSubscriber() {
        PgSubscriber fresh = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> stopped ? -1L : 1_000L);
        handlers.forEach((channel, handler) -> attach(fresh, channel, handler));
        return fresh;
    }

    private static void attach(PgSubscriber subscriber, String channel, Consumer<String> handler) {
        subscriber.channel(channel).handler(payload -> {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                LOG.warnf("Handler of PostgreSQL channel %s failed: %s", channel, e.toString());
            }
        });
    }

    /**
     * Vert.x's subscriber retries only a connection it once had; a first connect that fails leaves it
     * for good. So a failed attempt gets a fresh subscriber and another try, with back-off.
     */
    private void connect(PgSubscriber attempt, long retryIn) {
        attempt.connect().onFailure(e -> {
            if (stopped) {
                return;
            }
            LOG.warnf("Cannot LISTEN on PostgreSQL yet (live updates wait), retrying in %d ms: %s", retryIn, e.toString());
            attempt.close();
            vertx.setTimer(retryIn, timer -> {
                PgSubscriber next;
                synchronized (this) {
                    if (stopped || subscriber != attempt) {
                        return;
                    }
                    next = newSubscriber();
                    subscriber = next;
                }
                connect(next, Math.min(retryIn * 2, MAX_RETRY_MS));
            });
        }).onSuccess(ok -> LOG.info("Listening on PostgreSQL for live updates"));
    }

    synchronized void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }
}
