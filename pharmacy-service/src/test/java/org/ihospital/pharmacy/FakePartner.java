package org.ihospital.pharmacy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner pharmacy's webhook endpoint, played by a real HTTP server on this machine: it records every
 * request it gets and answers as the test tells it (a status, or no answer at all for a while).
 */
public final class FakePartner implements AutoCloseable {

    /** A request as received. */
    public record Received(String webhookId, String timestamp, String signature, String contentType, String body, Instant at) {
    }

    /** How the partner answers a request: a status, after a delay. */
    public record Answer(int status, long delayMillis) {

        public static Answer status(int status) {
            return new Answer(status, 0);
        }

        public static Answer silentFor(long millis) {
            return new Answer(200, millis);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Received, Answer>> behaviour = new AtomicReference<>(r -> Answer.status(204));

    private FakePartner(HttpServer server) {
        this.server = server;
    }

    public static FakePartner start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            FakePartner partner = new FakePartner(server);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/webhooks", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                var h = exchange.getRequestHeaders();
                Received r = new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        h.getFirst("Content-Type"), body, Instant.now());
                partner.received.add(r);
                Answer answer = partner.behaviour.get().apply(r);
                if (answer.delayMillis() > 0) {
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    exchange.sendResponseHeaders(answer.status(), -1);
                } catch (IOException e) {
                    // the hospital gave up waiting: fine
                }
                exchange.close();
            });
            server.start();
            return partner;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    public void answer(Function<Received, Answer> how) {
        behaviour.set(how);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String webhookId) {
        return received.stream().filter(r -> webhookId.equals(r.webhookId())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
