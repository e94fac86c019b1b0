package org.ihospital.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the realm {@code hospital} (deploy/keycloak/hospital-realm.json) does against password guessing
 * and stolen tokens, shown on the real Keycloak with throwaway users: the demo users are never given a
 * wrong password, so they are never locked. Every token is asked for afresh, never from a cache.
 */
class HospitalRealmTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The realm's {@code failureFactor}: this many wrong passwords in a row lock the account for a while. */
    private static final int FAILURE_FACTOR = 5;

    private final List<String> throwaways = new ArrayList<>();

    @AfterEach
    void deleteTheThrowawayUsers() {
        throwaways.forEach(Keycloak::deleteUser);
    }

    @Test
    void guessingPasswordsLocksTheAccountEvenAgainstTheRightOne() throws Exception {
        String user = throwaway("guess");
        assertThat(passwordGrant(user, Keycloak.password(user)).statusCode()).isEqualTo(200);
        String id = Keycloak.subject(user);

        for (int i = 0; i < FAILURE_FACTOR; i++) {
            assertThat(passwordGrant(user, "Wrong-Guess-" + i).statusCode()).isEqualTo(401);
        }

        // refused, and answered exactly like a wrong password, so the guesser does not learn it was right
        HttpResponse<String> rightOne = passwordGrant(user, Keycloak.password(user));
        assertThat(rightOne.statusCode()).as(outcome(rightOne)).isEqualTo(401);
        assertThat(JSON.readTree(rightOne.body()).has("access_token")).isFalse();
        assertThat(JSON.readTree(rightOne.body()).path("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> lock = Keycloak.admin("GET", "/attack-detection/brute-force/users/" + id, null);
        assertThat(JSON.readTree(lock.body()).path("disabled").asBoolean()).as(lock.body()).isTrue();
    }

    @Test
    void aRefreshTokenCanBeUsedOnlyOnce() throws Exception {
        String user = throwaway("rotate");
        String refreshToken = JSON.readTree(expectOk(passwordGrant(user, Keycloak.password(user)))).get("refresh_token").asText();

        JsonNode refreshed = JSON.readTree(expectOk(refreshGrant(refreshToken)));
        assertThat(refreshed.get("refresh_token").asText()).isNotEqualTo(refreshToken);

        HttpResponse<String> again = refreshGrant(refreshToken);
        assertThat(again.statusCode()).as(outcome(again)).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensLiveFiveMinutes() throws Exception {
        String user = throwaway("lifespan");
        // expires_in counts from the moment Keycloak answers and may read 299; the token's own claims do not drift.
        String accessToken = JSON.readTree(expectOk(passwordGrant(user, Keycloak.password(user)))).get("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void aWeakPasswordIsRefused() {
        String user = throwaway("policy");
        String id = Keycloak.subject(user);
        for (String weak : List.of("Short1a", "alllowercase123", "ALLUPPERCASE123", "NoDigitsAtAllHere", user)) {
            HttpResponse<String> reset = Keycloak.admin("PUT", "/users/" + id + "/reset-password",
                    JSON.createObjectNode().put("type", "password").put("value", weak).put("temporary", false).toString());
            assertThat(reset.statusCode()).as("%s: %s", weak, reset.body()).isEqualTo(400);
        }
        HttpResponse<String> strong = Keycloak.admin("PUT", "/users/" + id + "/reset-password",
                JSON.createObjectNode().put("type", "password").put("value", "Correct-Horse-7-Battery").put("temporary", false).toString());
        assertThat(strong.statusCode()).as(strong.body()).isEqualTo(204);
    }

    @Test
    void theDemoUsersStillLogInWithTheirUserNames() throws Exception {
        // their imported credentials predate the password policy and must not be refused by it
        for (String demo : List.of("patient-1", "patient-2", "doctor-1", "doctor-2", "pharmacist-1", "operator-1", "auditor-1")) {
            HttpResponse<String> token = passwordGrant(demo, demo);
            assertThat(token.statusCode()).as("%s: %s", demo, outcome(token)).isEqualTo(200);
        }
    }

    private String throwaway(String prefix) {
        String user = Keycloak.newUser(prefix, "patient");
        throwaways.add(user);
        return user;
    }

    private static String expectOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(outcome(response)).isEqualTo(200);
        return response.body();
    }

    /** Status and error of a token response, without the tokens themselves. */
    private static String outcome(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return response.statusCode() + (body.has("access_token") ? " with an access token"
                    : " " + body.path("error").asText() + ": " + body.path("error_description").asText());
        } catch (IOException e) {
            return response.statusCode() + " " + response.body();
        }
    }

    private static HttpResponse<String> passwordGrant(String user, String password) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "password", "client_id", "hospital-app", "username", user, "password", password,
                "scope", "openid"));
    }

    private static HttpResponse<String> refreshGrant(String refreshToken) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "refresh_token", "client_id", "hospital-app", "refresh_token", refreshToken));
    }

    private static HttpResponse<String> token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(Keycloak.issuer() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
