package org.ihospital.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for consultation-service, so that the gateway is tested on what it
 * does (verify, route, forward) without the services. It answers with what it received (method, URI
 * as sent, every header under its lower-case name, a digest of the body). Pharmacy is
 * pointed at a port where nothing listens, to see how the gateway reports a service that is down, and
 * insurance answers too slowly.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeServices::echo);
        server.createContext("/q/openapi", FakeServices::document);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String fake = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "hospital.gateway.services.consultation", fake,
                "hospital.gateway.services.insurance", fake,
                "hospital.gateway.services.pharmacy", "http://127.0.0.1:" + closedPort,
                "hospital.gateway.upstream-timeout", "PT1S",
                "hospital.gateway.api-docs.consultation", fake + "/q/openapi?format=JSON",
                "hospital.gateway.api-docs.insurance", fake + "/q/openapi?format=JSON",
                "hospital.gateway.api-docs.pharmacy", "http://127.0.0.1:" + closedPort + "/q/openapi");
    }

    private static void echo(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        if (exchange.getRequestURI().getPath().startsWith("/api/v1/claims")) {
            // insurance, in this test, answers too slowly
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", exchange.getRequestMethod());
        echo.put("uri", exchange.getRequestURI().toString());
        echo.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        echo.put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id"));
        echo.put("bodyLength", body.length);
        echo.put("bodySha256", sha);
        echo.put("headers", headers);
        byte[] out = JSON.writeValueAsBytes(echo);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        // as the services do: their own X-Request-Id on the answer (the gateway's is the one its caller gets)
        exchange.getResponseHeaders().add("X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    /** A service's OpenAPI document, as its management port serves it. */
    private static void document(HttpExchange exchange) throws IOException {
        byte[] out = """
                {"openapi":"3.1.0","info":{"title":"fake","version":"1"},
                 "paths":{"/api/v1/departments":{"get":{"operationId":"departmentList","description":"Departments",
                   "responses":{"200":{"description":"The departments"}}}}}}""".getBytes(StandardCharsets.UTF_8);
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
