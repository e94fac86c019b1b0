package org.ihospital.commons.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;

/**
 * Live updates survive a database that is not there yet: the listener keeps trying, and hears the first
 * notification once PostgreSQL accepts it. (A TCP relay in front of the real PostgreSQL refuses, then lets through.)
 */
class PgNotificationsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aListenerThatCouldNotConnectAtFirstHearsOnceTheDatabaseAnswers() throws Exception {
        int port = freePort();
        PgNotifications notifications = new PgNotifications(vertx, "postgresql://127.0.0.1:" + port + "/commons_test", "commons",
                "commons");
        List<String> heard = new CopyOnWriteArrayList<>();
        notifications.listen("probe_refused_first", heard::add);
        // nothing listens on the port yet: the first connects are refused
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !notifications.connected());

        NetServer relay = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(SharedServers.postgresPort(), SharedServers.postgresHost()).onSuccess(server -> {
                client.pipeTo(server);
                server.pipeTo(client);
                client.resume();
            }).onFailure(e -> client.close());
        });
        relay.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(40)).until(notifications::connected);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = Database.connect("commons_test", "commons", "commons")) {
                c.createStatement().execute("select pg_notify('probe_refused_first', 'hello')");
            }
            return heard.contains("hello");
        });
        assertThat(heard).contains("hello");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
