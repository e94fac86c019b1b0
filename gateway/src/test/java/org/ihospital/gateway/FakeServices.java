package org.ihospital.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for consultation-service, so that the gateway is tested on what it
 * does (verify, route, forward) without the services. It answers with what it received. Pharmacy is
 * pointed at a port where nothing listens, to see how the gateway reports a service that is down.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeServices::echo);
        server.start();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "hospital.gateway.services.consultation", "http://127.0.0.1:" + server.getAddress().getPort(),
                "hospital.gateway.services.pharmacy", "http://127.0.0.1:" + closedPort);
    }

    private static void echo(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        var headers = exchange.getRequestHeaders();
        String json = "{\"method\":\"%s\",\"uri\":\"%s\",\"authorization\":\"%s\",\"requestId\":\"%s\",\"bodyLength\":%d,\"bodySha256\":\"%s\"}"
                .formatted(exchange.getRequestMethod(), exchange.getRequestURI(), headers.getFirst("Authorization"),
                        headers.getFirst("X-Request-Id"), body.length, sha);
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
