/*
 * A partner pharmacy for the local hospital: the example a real partner's developers read.
 *
 *   java deploy/local/partner-pharmacy/PartnerPharmacy.java        (deploy/local/hospital up starts it)
 *
 * It registers itself (through an operator account of the dev realm, as an operator would do once),
 * keeps its stock reported, verifies every webhook's Standard Webhooks signature, and walks each order
 * it is sent through ACCEPTED -> DISPENSED -> SHIPPED -> DELIVERED with its own client-credentials token,
 * with configurable delays and a rejection rate. No dependencies: the JDK (17+) only.
 *
 * Settings (environment): HOSPITAL_GATEWAY (http://127.0.0.1:8080), HOSPITAL_KEYCLOAK
 * (http://127.0.0.1:18080), PARTNER_CLIENT_ID / PARTNER_CLIENT_SECRET (partner-pharmacy-1 and its dev
 * secret), PARTNER_PORT (8090), PARTNER_REGIONS (110105,310104,310101), PARTNER_STEP_SECONDS (2),
 * PARTNER_REJECT_RATE (0.0), PARTNER_STATE (a directory for its webhook secret), PARTNER_DRUGS (the
 * dictionary, contracts' drugs.csv).
 */

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

public class PartnerPharmacy {

    static final String GATEWAY = env("HOSPITAL_GATEWAY", "http://127.0.0.1:8080");
    static final String KEYCLOAK = env("HOSPITAL_KEYCLOAK", "http://127.0.0.1:18080");
    static final String CLIENT_ID = env("PARTNER_CLIENT_ID", "partner-pharmacy-1");
    static final String CLIENT_SECRET = env("PARTNER_CLIENT_SECRET", "partner-pharmacy-1-secret");
    static final int PORT = Integer.parseInt(env("PARTNER_PORT", "8090"));
    static final List<String> REGIONS = List.of(env("PARTNER_REGIONS", "110105,310104,310101").split(","));
    static final long STEP_SECONDS = Long.parseLong(env("PARTNER_STEP_SECONDS", "2"));
    static final double REJECT_RATE = Double.parseDouble(env("PARTNER_REJECT_RATE", "0"));
    static final Path STATE = Path.of(env("PARTNER_STATE", System.getProperty("java.io.tmpdir") + "/partner-pharmacy"));
    static final Path DRUGS = Path.of(env("PARTNER_DRUGS", "contracts/src/main/resources/contracts/reference/drugs.csv"));

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);
    /** Webhook ids already handled: a retried webhook is acknowledged again and not acted on twice. */
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    /** Orders the hospital withdrew (cancelled): their walk stops. */
    static final Set<String> WITHDRAWN = ConcurrentHashMap.newKeySet();

    static volatile String partnerId;
    static volatile List<String> secrets = List.of();
    static volatile String token;
    static volatile Instant tokenExpires = Instant.EPOCH;

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 100);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/webhooks", PartnerPharmacy::webhook);
        server.createContext("/health", ex -> answer(ex, partnerId == null ? 503 : 200));
        server.start();
        log("listening on http://127.0.0.1:" + PORT + "/webhooks");
        register();
        reportStock();
        LATER.scheduleWithFixedDelay(() -> {
            try {
                reportStock();
            } catch (Exception e) {
                log("stock report failed: " + e);
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    // ---- receiving webhooks ------------------------------------------------------------------

    static void webhook(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        String timestamp = ex.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = ex.getRequestHeaders().getFirst("webhook-signature");
        if (!verified(id, timestamp, signature, body)) {
            log("refused a webhook whose signature does not hold (" + id + ")");
            answer(ex, 401);
            return;
        }
        answer(ex, 204); // acknowledge at once; act afterwards
        if (!SEEN.add(id)) {
            return;
        }
        String type = field(body, "type");
        String order = field(body, "orderId");
        switch (type == null ? "" : type) {
            case "order.created" -> LATER.schedule(() -> walk(order, 0), STEP_SECONDS, TimeUnit.SECONDS);
            case "order.cancelled" -> {
                WITHDRAWN.add(order);
                if (body.contains("\"confirmationRequired\":true")) {
                    // the prescription was revoked: confirm we will not dispense (a 409 means we did already)
                    LATER.execute(() -> {
                        try {
                            log("order " + order + " CANCELLED -> " + call("POST", "/api/v1/partner/orders/" + order + "/status",
                                    "{\"status\":\"CANCELLED\"}").statusCode());
                        } catch (Exception e) {
                            log("order " + order + " CANCELLED failed: " + e);
                        }
                    });
                }
            }
            default -> log("webhook " + type);
        }
    }

    /**
     * The Standard Webhooks check, in full: HMAC-SHA256 of "id.timestamp.body" under each secret we hold
     * (two during a rotation), compared in constant time with each "v1,<base64>" the header carries,
     * and a timestamp within five minutes of our clock.
     */
    static boolean verified(String id, String timestamp, String signature, String body) {
        if (id == null || timestamp == null || signature == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false;
        }
        for (String secret : secrets) {
            byte[] expected = hmac(Base64.getDecoder().decode(secret.substring("whsec_".length())), id + "." + timestamp + "." + body);
            for (String given : signature.split(" ")) {
                if (given.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(given.substring(3)))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- walking an order ------------------------------------------------------------------------

    static final List<String> STEPS = List.of("ACCEPTED", "DISPENSED", "SHIPPED", "DELIVERED");

    static void walk(String order, int step) {
        if (WITHDRAWN.contains(order)) {
            log("order " + order + " was withdrawn by the hospital");
            return;
        }
        String status = step == 0 && ThreadLocalRandom.current().nextDouble() < REJECT_RATE ? "REJECTED" : STEPS.get(step);
        String body = status.equals("SHIPPED")
                ? "{\"status\":\"SHIPPED\",\"trackingNumber\":\"SIM" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L) + "\"}"
                : "{\"status\":\"" + status + "\"}";
        try {
            var r = call("POST", "/api/v1/partner/orders/" + order + "/status", body);
            log("order " + order + " " + status + " -> " + r.statusCode());
            if (r.statusCode() / 100 == 5) {
                LATER.schedule(() -> walk(order, step), STEP_SECONDS, TimeUnit.SECONDS); // try again
                return;
            }
        } catch (Exception e) {
            log("order " + order + " " + status + " failed (" + e + "), trying again");
            LATER.schedule(() -> walk(order, step), STEP_SECONDS, TimeUnit.SECONDS);
            return;
        }
        if (!status.equals("REJECTED") && step + 1 < STEPS.size()) {
            LATER.schedule(() -> walk(order, step + 1), STEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    // ---- registering and reporting stock -----------------------------------------------------------

    /**
     * Finds this partner among the registered ones (by its client), or registers it; a partner whose
     * secret this process has not kept gets a new one by rotation (the old one keeps signing for a while).
     */
    static void register() throws Exception {
        Files.createDirectories(STATE);
        Path secretFile = STATE.resolve("webhook-secret");
        String operator = operatorToken();
        String cursor = null;
        do {
            var page = send(operator, "GET", "/api/v1/pharmacies?limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null);
            Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"[^}]*?\"clientId\":\"" + Pattern.quote(CLIENT_ID) + "\"").matcher(page.body());
            if (m.find()) {
                partnerId = m.group(1);
            }
            cursor = field(page.body(), "nextCursor");
        } while (partnerId == null && cursor != null);
        if (partnerId == null) {
            String regions = String.join(",", REGIONS.stream().map(r -> "\"" + r + "\"").toList());
            var r = send(operator, "POST", "/api/v1/pharmacies", "{\"name\":\"仁心大药房（模拟）\",\"licenceNumber\":\"沪DA" + CLIENT_ID.hashCode()
                    + "\",\"regions\":[" + regions + "],\"webhookUrl\":\"http://127.0.0.1:" + PORT + "/webhooks\",\"clientId\":\"" + CLIENT_ID + "\"}");
            if (r.statusCode() != 201) {
                throw new IllegalStateException("registration refused: " + r.statusCode() + " " + r.body());
            }
            partnerId = field(r.body(), "id");
            keep(secretFile, field(r.body(), "webhookSecret"));
            log("registered as partner " + partnerId);
        } else if (Files.exists(secretFile)) {
            secrets = Files.readAllLines(secretFile);
            log("known as partner " + partnerId);
        } else {
            var r = send(operator, "POST", "/api/v1/pharmacies/" + partnerId + "/secret:rotate", null);
            keep(secretFile, field(r.body(), "webhookSecret"));
            log("partner " + partnerId + ": rotated the webhook secret this process had not kept");
        }
    }

    static void keep(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n");
        secrets = List.of(secret);
    }

    /** The whole stock, 1000 units of every dictionary drug: the hospital replaces its count with this. */
    static void reportStock() throws Exception {
        List<String> lines = Files.readAllLines(DRUGS);
        List<String> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                entries.add("\"" + line.substring(0, line.indexOf(',')) + "\":1000");
            }
        }
        var r = call("PUT", "/api/v1/pharmacies/" + partnerId + "/stock", "{" + String.join(",", entries) + "}");
        log("stock reported: " + entries.size() + " drugs -> " + r.statusCode());
    }

    // ---- HTTP with our own token -----------------------------------------------------------------

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        if (Instant.now().isAfter(tokenExpires.minusSeconds(30))) {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/hospital/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET))
                    .build(), HttpResponse.BodyHandlers.ofString());
            token = field(r.body(), "access_token");
            tokenExpires = Instant.now().plusSeconds(Long.parseLong(number(r.body(), "expires_in")));
        }
        return send(token, method, path, body);
    }

    /** Registration is an operator's act; the dev realm's operator-1 stands in for the hospital's operator. */
    static String operatorToken() throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/hospital/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=hospital-app&username=operator-1&password=operator-1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return field(r.body(), "access_token");
    }

    static HttpResponse<String> send(String bearer, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- small helpers ---------------------------------------------------------------------------------

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string field of a flat JSON answer (enough for this example; a real partner uses its JSON library). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*([0-9]+)").matcher(json);
        return m.find() ? m.group(1) : "60";
    }

    static void answer(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void log(String message) {
        System.out.println(Instant.now() + " partner-pharmacy: " + message);
    }
}
