package org.ihospital.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The running hospital as an app sees it: tokens from Keycloak, JSON over the gateway. */
final class Api {

    record Response(int status, JsonNode body) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final String gateway;
    private final String keycloak;
    // HTTP/1.1 as the apps' clients speak it (no HTTP/2 upgrade over plain HTTP)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    Api(String gateway, String keycloak) {
        this.gateway = gateway;
        this.keycloak = keycloak;
    }

    /** A token by the password grant (the development realm's demo users and the test's own patient). */
    String token(String realm, String client, String username, String password) {
        String form = "grant_type=password&client_id=" + enc(client) + "&username=" + enc(username) + "&password=" + enc(password);
        Response r = send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return expect(r, 200, "logging in " + username).body().path("access_token").asText();
    }

    String login(String demoUser) {
        return token("hospital", "hospital-app", demoUser, demoUser);
    }

    /** Keycloak's admin API (the master realm's admin). */
    Response admin(String token, String method, String path, Object body) {
        return send(json(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/hospital" + path))
                .header("Authorization", "Bearer " + token), method, body));
    }

    /** A call to the API through the gateway, with a fresh Idempotency-Key. */
    Response call(String token, String method, String path, Object body) {
        return send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1" + path)).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()), method, body));
    }

    JsonNode expect(String token, String method, String path, Object body, int status) {
        return expect(call(token, method, path, body), status, method + " " + path).body();
    }

    static Response expect(Response r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + " answered " + r.status() + " (expected " + status + "): " + r.body());
        }
        return r;
    }

    static String subjectOf(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    private static HttpRequest json(HttpRequest.Builder builder, String method, Object body) {
        try {
            if (body == null) {
                return builder.method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
            }
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).timeout(Duration.ofSeconds(30)).build();
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
