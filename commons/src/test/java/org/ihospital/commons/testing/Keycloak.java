package org.ihospital.commons.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real tokens from the run's Keycloak (realm {@code hospital}, see deploy/keycloak). Demo users have
 * their user name as password; tokens are cached until shortly before they expire.
 */
public final class Keycloak {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    private Keycloak() {
    }

    public static String baseUrl() {
        return SharedServers.keycloak();
    }

    public static String issuer() {
        return baseUrl() + "/realms/hospital";
    }

    /** An access token of a demo user (patient-1, doctor-1, …) obtained with the dev realm's password grant. */
    public static String accessToken(String user) {
        return cached("user:" + user, () -> request(Map.of("grant_type", "password", "client_id", "hospital-app",
                "username", user, "password", user, "scope", "openid")));
    }

    /** A client-credentials token, e.g. of {@code partner-pharmacy-1}. */
    public static String clientToken(String clientId, String secret) {
        return cached("client:" + clientId, () -> request(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)));
    }

    /** The subject ({@code sub}) of a demo user's token: the id the services know the account by. */
    public static String subject(String user) {
        String payload = accessToken(user).split("\\.")[1];
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).get("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Bearer <token>} for an Authorization header. */
    public static String bearer(String user) {
        return "Bearer " + accessToken(user);
    }

    private interface Fetch {
        JsonNode get() throws IOException, InterruptedException;
    }

    private static String cached(String key, Fetch fetch) {
        Token token = CACHE.get(key);
        if (token != null && token.expires().isAfter(Instant.now().plusSeconds(30))) {
            return token.value();
        }
        try {
            JsonNode body = fetch.get();
            Token fresh = new Token(body.get("access_token").asText(), Instant.now().plusSeconds(body.get("expires_in").asLong()));
            CACHE.put(key, fresh);
            return fresh.value();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + baseUrl() + " is not reachable; start it with deploy/local/hospital", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode request(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
