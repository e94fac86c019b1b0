package org.ihospital.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The running hospital as the simulations' set-up sees it: Keycloak's admin API for the benchmark's own
 * users, the token endpoint, and the hospital's API for doctors, hours, profiles and visits. Every call
 * that does not answer as expected fails the set-up with what it answered.
 */
final class Hospital {

    /** A user the benchmark made in the dev realm, its password and (once logged in) its token and subject. */
    record User(String username, String password, String token, String subject) {
        User withToken(String t) {
            return new User(username, password, t, subjectOf(t));
        }
    }

    record Response(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String api;
    private final String keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Hospital(String api, String keycloak) {
        this.api = api;
        this.keycloak = keycloak;
    }

    // ---------------------------------------------------------------------------------------------- Keycloak

    String adminToken() {
        return tokenFrom("master", "admin-cli", System.getProperty("bench.keycloak.admin", "admin"),
                System.getProperty("bench.keycloak.admin-password", "admin"));
    }

    /**
     * Makes users in the hospital realm with one role, in batches through the partial import. Their
     * passwords are stored already hashed (PBKDF2, one iteration: they are throw-away benchmark users), so
     * that Keycloak does not spend a slow hash per user here; it re-hashes each at its first login.
     */
    List<User> createUsers(String prefix, int count, String role) {
        List<User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new User(prefix + "-" + i, "Bench-" + UUID.randomUUID(), null, null));
        }
        String admin = adminToken();
        for (int from = 0; from < count; from += 500) {
            ArrayNode batch = JSON.createArrayNode();
            for (User u : users.subList(from, Math.min(count, from + 500))) {
                ObjectNode user = batch.addObject()
                        .put("username", u.username())
                        .put("enabled", true)
                        .put("email", u.username() + "@bench.invalid")
                        .put("emailVerified", true)
                        .put("firstName", "Bench")
                        .put("lastName", "User");
                user.putArray("realmRoles").add(role);
                user.putArray("credentials").add(hashedPassword(u.password()));
            }
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "FAIL");
            body.set("users", batch);
            expect(send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/hospital/partialImport"))
                    .header("Authorization", "Bearer " + admin), "POST", body), 200, "importing " + prefix + " users");
        }
        return users;
    }

    private static ObjectNode hashedPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash;
        try {
            hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var b64 = Base64.getEncoder();
        ObjectNode secret = JSON.createObjectNode().put("value", b64.encodeToString(hash)).put("salt", b64.encodeToString(salt));
        secret.putObject("additionalParameters");
        ObjectNode data = JSON.createObjectNode().put("hashIterations", 1).put("algorithm", "pbkdf2-sha256");
        data.putObject("additionalParameters");
        return JSON.createObjectNode().put("type", "password").put("secretData", secret.toString())
                .put("credentialData", data.toString());
    }

    /** Removes the benchmark's users whose names start with the prefix. */
    int deleteUsers(String prefix) {
        String admin = adminToken();
        int deleted = 0;
        while (true) {
            Response page = send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/hospital/users?briefRepresentation=true&max=500&search="
                    + URLEncoder.encode(prefix + "-", StandardCharsets.UTF_8))).header("Authorization", "Bearer " + admin), "GET", null);
            expect(page, 200, "listing " + prefix + " users");
            List<String> ids = new ArrayList<>();
            page.body().forEach(u -> {
                if (u.path("username").asText().startsWith(prefix + "-")) {
                    ids.add(u.path("id").asText());
                }
            });
            if (ids.isEmpty()) {
                return deleted;
            }
            String token = admin;
            parallel(ids, 4, id -> expect(send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/hospital/users/" + id))
                    .header("Authorization", "Bearer " + token), "DELETE", null), 204, "removing user " + id));
            deleted += ids.size();
            admin = adminToken();
        }
    }

    /** Logs the users in (password grant of the apps' client), a few at a time. */
    List<User> login(List<User> users, int parallelism) {
        return parallel(users, parallelism, u -> u.withToken(tokenFrom("hospital", "hospital-app", u.username(), u.password())));
    }

    String login(String username) {
        return tokenFrom("hospital", "hospital-app", username, username);
    }

    private String tokenFrom(String realm, String client, String username, String password) {
        String form = "grant_type=password&client_id=" + client + "&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Response r = send(request);
        expect(r, 200, "logging in " + username);
        return r.body().path("access_token").asText();
    }

    static String subjectOf(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- the API

    Response call(String token, String method, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()), method, body);
    }

    JsonNode expect(String token, String method, String path, Object body, int status) {
        return expect(call(token, method, path, body), status, method + " " + path).body();
    }

    UUID registerDoctor(String operator, User doctor, String name, String department) {
        String licence = ("BENCH" + doctor.subject().replace("-", "")).substring(0, 32);
        JsonNode d = expect(operator, "POST", "/api/v1/doctors", Map.of("userId", doctor.subject(), "name", name,
                "licenceNumber", licence, "title", "Attending", "departments", List.of(department)), 201);
        return UUID.fromString(d.path("id").asText());
    }

    /** Plans a day of clinic hours (08:00 to 20:00, slots of the given minutes); answers its slots' ids. */
    List<String> planDay(String operator, UUID doctor, String day, int slotMinutes) {
        JsonNode s = expect(operator, "POST", "/api/v1/doctors/" + doctor + "/schedules",
                Map.of("day", day, "start", "08:00", "end", "20:00", "slotMinutes", slotMinutes), 201);
        List<String> ids = new ArrayList<>();
        s.path("slots").forEach(slot -> ids.add(slot.path("id").asText()));
        return ids;
    }

    /** The real-name profile a booking needs; the identity is synthetic (see IdCards). */
    UUID profile(User patient, int n) {
        return UUID.fromString(expect(patient.token(), "PUT", "/api/v1/patients/me", Map.of("name", "测试患者" + n,
                "phone", IdCards.phone(n), "idCard", IdCards.idCard(n), "region", IdCards.REGION), 200).path("id").asText());
    }

    /** A prescription's timeline is filled from its events: waits until it shows the first step (30 s at most). */
    void awaitTimeline(String patient, String prescription) {
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            Response r = call(patient, "GET", "/api/v1/prescriptions/" + prescription + "/timeline", null);
            if (r.status() == 200 && r.body().size() > 0) {
                return;
            }
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("the timeline of prescription " + prescription + " is still empty after 30 s: " + r.body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private Response send(HttpRequest.Builder builder, String method, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof JsonNode n ? n.toString() : JSON.writeValueAsString(body));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            return send(builder.method(method, publisher).timeout(Duration.ofSeconds(60)).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? JSON.nullNode() : readOrText(r.body());
            return new Response(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static Response expect(Response r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r.status() + " (expected " + status + "): " + r.body());
        }
        return r;
    }

    /** Applies the function to every item, that many at a time; the results in the items' order. */
    static <T, R> List<R> parallel(List<T> items, int parallelism, Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
