package org.ihospital.commons.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Real tokens from the run's Keycloak (realm {@code hospital}, see deploy/keycloak). Demo users have
 * their user name as password; users made with {@link #newUser} have a strong random one, kept here.
 * Tokens, including the master-realm admin token used for {@link #newUser}, are cached until shortly
 * before they expire.
 */
public final class Keycloak {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();
    /** User name → password of the users this harness made; any other user is a demo user. */
    private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The bootstrap admin of the master realm, as deploy/local/hospital starts Keycloak. */
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin";

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

    /**
     * An access token of a demo user (patient-1, doctor-1, …) or of a user made with {@link #newUser},
     * obtained with the dev realm's password grant.
     */
    public static String accessToken(String user) {
        return cached("user:" + user, () -> request(Map.of("grant_type", "password", "client_id", "hospital-app",
                "username", user, "password", password(user), "scope", "openid")));
    }

    /** The password of a user made with {@link #newUser}; a demo user's is its user name. */
    public static String password(String user) {
        return PASSWORDS.getOrDefault(user, user);
    }

    /**
     * Makes a fresh user {@code <prefix>-<random>} in realm {@code hospital}: a strong random password,
     * the given realm roles, names and a verified e-mail, no required action (so the password grant
     * works at once). Use it where a test would otherwise change or lock a shared demo user.
     *
     * @return the user name, for {@link #accessToken}, {@link #bearer}, {@link #subject}
     */
    public static String newUser(String prefix, String... realmRoles) {
        String user = (prefix + "-" + HexFormat.of().formatHex(randomBytes(5))).toLowerCase(Locale.ROOT);
        String password = "Aa1-" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
        ObjectNode body = JSON.createObjectNode()
                .put("username", user).put("enabled", true).put("emailVerified", true)
                .put("firstName", "Test").put("lastName", prefix).put("email", user + "@hospital.test");
        body.putArray("requiredActions");
        body.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = admin("POST", "/users", body.toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused to create " + user + " (" + created.statusCode() + "): " + created.body());
        }
        String id = created.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                .orElseThrow(() -> new IllegalStateException("Keycloak created " + user + " without a Location"));
        PASSWORDS.put(user, password);
        if (realmRoles.length > 0) {
            ArrayNode roles = JSON.createArrayNode();
            for (String role : realmRoles) {
                roles.add(readJson(expect(admin("GET", "/roles/" + URLEncoder.encode(role, StandardCharsets.UTF_8), null), 200)));
            }
            expect(admin("POST", "/users/" + id + "/role-mappings/realm", roles.toString()), 204);
        }
        return user;
    }

    /** A confidential client of realm {@code hospital} and its secret. */
    public record Client(String clientId, String secret) {

        /** {@code Bearer <client-credentials token>} for an Authorization header. */
        public String bearer() {
            return "Bearer " + clientToken(clientId, secret);
        }
    }

    /**
     * Makes a fresh partner pharmacy client {@code <prefix>-<random>}, as an operator would in production:
     * client credentials only, its service account in role {@code pharmacy-partner}, its tokens meant for
     * pharmacy-service and the gateway (as {@code partner-pharmacy-1} of the dev realm).
     */
    public static Client newPartnerClient(String prefix) {
        String clientId = (prefix + "-" + HexFormat.of().formatHex(randomBytes(5))).toLowerCase(Locale.ROOT);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        ObjectNode body = JSON.createObjectNode().put("clientId", clientId).put("enabled", true).put("protocol", "openid-connect")
                .put("publicClient", false).put("clientAuthenticatorType", "client-secret").put("secret", secret)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", false).put("serviceAccountsEnabled", true);
        ArrayNode mappers = body.putArray("protocolMappers");
        for (String audience : new String[] { "pharmacy-service", "gateway" }) {
            ObjectNode mapper = mappers.addObject().put("name", "audience " + audience).put("protocol", "openid-connect")
                    .put("protocolMapper", "oidc-audience-mapper");
            mapper.putObject("config").put("included.client.audience", audience).put("access.token.claim", "true")
                    .put("id.token.claim", "false");
        }
        HttpResponse<String> created = expect(admin("POST", "/clients", body.toString()), 201);
        String id = created.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElseThrow();
        String serviceAccount = readJson(expect(admin("GET", "/clients/" + id + "/service-account-user", null), 200)).get("id").asText();
        ArrayNode roles = JSON.createArrayNode().add(readJson(expect(admin("GET", "/roles/pharmacy-partner", null), 200)));
        expect(admin("POST", "/users/" + serviceAccount + "/role-mappings/realm", roles.toString()), 204);
        return new Client(clientId, secret);
    }

    /** Deletes a user made with {@link #newUser}; the demo users cannot be deleted this way. */
    public static void deleteUser(String user) {
        if (!PASSWORDS.containsKey(user)) {
            throw new IllegalArgumentException(user + " was not made by Keycloak.newUser; demo users stay");
        }
        JsonNode found = readJson(expect(admin("GET", "/users?exact=true&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8), null), 200));
        for (JsonNode each : found) {
            expect(admin("DELETE", "/users/" + each.get("id").asText(), null), 204);
        }
        PASSWORDS.remove(user);
        CACHE.remove("user:" + user);
    }

    /**
     * A call to the admin REST API of realm {@code hospital} ({@code path} relative to
     * {@code /admin/realms/hospital}) as the master realm's admin, with a cached admin token.
     */
    public static HttpResponse<String> admin(String method, String path, String jsonBody) {
        String token = cached("admin", () -> request(baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN_USER, "password", ADMIN_PASSWORD)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/hospital" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + baseUrl() + " is not reachable; start it with deploy/local/hospital", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client-credentials token, e.g. of {@code partner-pharmacy-1}. */
    public static String clientToken(String clientId, String secret) {
        return cached("client:" + clientId, () -> request(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)));
    }

    /** The subject ({@code sub}) of a user's token: the id the services know the account by. */
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

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Keycloak admin API answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.request().uri() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode readJson(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode request(Map<String, String> form) throws IOException, InterruptedException {
        return request(issuer() + "/protocol/openid-connect/token", form);
    }

    private static JsonNode request(String tokenEndpoint, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
