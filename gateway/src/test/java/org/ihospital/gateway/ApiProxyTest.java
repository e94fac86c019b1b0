package org.ihospital.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class ApiProxyTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void forwardsToTheOwningServiceWithTheTokenAndTheRequestId() {
        String token = Keycloak.accessToken("patient-1");
        Response response = given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/departments?active=true&page=2")
                .then().statusCode(200).extract().response();
        assertThat(response.jsonPath().getString("method")).isEqualTo("GET");
        assertThat(response.jsonPath().getString("uri")).isEqualTo("/api/v1/departments?active=true&page=2");
        assertThat(response.jsonPath().getString("authorization")).isEqualTo("Bearer " + token);
        assertThat(response.jsonPath().getString("requestId")).isEqualTo(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.headers().getValues("X-Request-Id")).hasSize(1);
    }

    @Test
    void emptyPathSegmentsAreCollapsedNotRefused() throws Exception {
        Map<String, String> sent = Map.of("/api/v1//departments", "/api/v1/departments", "//api/v1/departments",
                "/api/v1/departments", "/api//v1/departments", "/api/v1/departments", "/api/v1/departments//", "/api/v1/departments/");
        for (var path : sent.entrySet()) {
            RawHttp.Reply reply = RawHttp.get(RestAssured.port, path.getKey(), Map.of("Authorization", Keycloak.bearer("patient-1")));
            assertThat(reply.status()).as(path.getKey()).isEqualTo(200);
            assertThat(reply.json().at("/uri").asText()).as(path.getKey()).isEqualTo(path.getValue());
        }
        RawHttp.Reply reply = RawHttp.get(RestAssured.port, "/api/v1//", Map.of("Authorization", Keycloak.bearer("patient-1")));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM);
    }

    @Test
    void aPaymentProvidersSignedNotificationPassesWithoutATokenAndNothingElseDoes() {
        // forwarded without a token to pharmacy, which this test points at a port where nothing listens: 502, not 401
        given().contentType("application/json").body("{\"paymentId\":\"sbx_1\"}")
                .when().post("/api/v1/payments/sandbox/callback")
                .then().statusCode(502).contentType(PROBLEM);
        given().contentType("application/json").body("{}").when().post("/api/v1/payments/sandbox/callback/more").then().statusCode(401);
        given().contentType("application/json").body("{}").when().post("/api/v1/payments/other").then().statusCode(401);
        given().when().get("/api/v1/orders").then().statusCode(401);
    }

    @Test
    void keepsTheCallersRequestId() {
        String id = "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b";
        given().header("Authorization", Keycloak.bearer("doctor-1")).header("X-Request-Id", id)
                .when().get("/api/v1/doctors")
                .then().statusCode(200).header("X-Request-Id", id).body("requestId", equalTo(id));
    }

    @Test
    void replacesARequestIdThatIsNotAUuid() {
        String uuid = "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b";
        for (String malformed : List.of("app-42", "x\" onload=1 {}", uuid + "0", uuid.replace('-', '_'),
                "a".repeat(5_000), "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7z")) {
            Response response = given().header("Authorization", Keycloak.bearer("doctor-1")).header("X-Request-Id", malformed)
                    .when().get("/api/v1/doctors")
                    .then().statusCode(200).extract().response();
            String replacement = response.header("X-Request-Id");
            assertThat(replacement).as("id for %s", malformed).matches(UUID_SHAPE).isNotEqualTo(malformed);
            assertThat(response.jsonPath().getString("requestId")).as("forwarded id for %s", malformed).isEqualTo(replacement);
        }
    }

    @Test
    void dropsTheCallersForwardingHeadersAndSetsItsOwn() {
        Response response = given().header("Authorization", Keycloak.bearer("patient-1"))
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/admin")
                .header("Forwarded", "for=203.0.113.9;host=evil.example;proto=https").header("X-Real-IP", "203.0.113.9")
                .when().get("/api/v1/departments")
                .then().statusCode(200).extract().response();
        Map<String, List<String>> received = response.jsonPath().getMap("headers");
        assertThat(received.get("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(received.get("x-forwarded-proto")).containsExactly("http");
        assertThat(received.get("x-forwarded-host")).containsExactly("localhost:" + RestAssured.port);
        assertThat(received).doesNotContainKeys("forwarded", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");
    }

    @Test
    void aWebSocketUpgradeIsForwardedLikeAnyOtherRequest() throws Exception {
        // the reverse proxy tunnels upgrades past its interceptors, with the raw path and every header
        RawHttp.Reply reply = RawHttp.get(RestAssured.port, "/api/v1/reviews/../appointments", Map.of(
                "Authorization", Keycloak.bearer("patient-1"), "X-Forwarded-For", "203.0.113.9",
                "Connection", "Upgrade", "Upgrade", "websocket",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/uri").asText()).isEqualTo("/api/v1/appointments");
        assertThat(reply.json().at("/headers/x-forwarded-for/0").asText()).isEqualTo("127.0.0.1");
        assertThat(reply.json().at("/headers/upgrade").isMissingNode()).isTrue();
    }

    @Test
    void routesAndForwardsThePathItChecked() throws Exception {
        for (String path : List.of("/api/v1/reviews/../appointments", "/api/v1/reviews/%2e%2e/appointments",
                "/api/v1/reviews/%2E%2e/appointments", "/api/v1/reviews/.%2e/./appointments")) {
            RawHttp.Reply reply = RawHttp.get(RestAssured.port, path + "?active=true&page=2",
                    Map.of("Authorization", Keycloak.bearer("patient-1")));
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json().at("/uri").asText()).as(path).isEqualTo("/api/v1/appointments?active=true&page=2");
        }
    }

    @Test
    void aPathThatLeadsIntoAnotherServiceGoesToThatService() throws Exception {
        // normalized this is pharmacy's /api/v1/reviews (down in this test): consultation must not see it
        int before = FakeServices.REQUESTS.get();
        for (String path : List.of("/api/v1/appointments/../reviews", "/api/v1/appointments/%2e%2e/reviews")) {
            RawHttp.Reply reply = RawHttp.get(RestAssured.port, path, Map.of("Authorization", Keycloak.bearer("pharmacist-1")));
            assertThat(reply.status()).as(path).isEqualTo(502);
            assertThat(reply.json().at("/instance").asText()).as(path).isEqualTo("/api/v1/reviews");
        }
        assertThat(FakeServices.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aPathThatLeavesTheApiIsA404ProblemAndNothingIsForwarded() throws Exception {
        int before = FakeServices.REQUESTS.get();
        for (String path : List.of("/api/v1/../v2/appointments", "/api/v1/%2e%2e/%2e%2e/internal/appointments",
                "/api/v1/appointments/../../../appointments", "/api/v1/appointments/..")) {
            RawHttp.Reply reply = RawHttp.get(RestAssured.port, path, Map.of("Authorization", Keycloak.bearer("patient-1")));
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith(PROBLEM);
            assertThat(reply.json().at("/type").asText()).as(path).isEqualTo("/problems/not-found");
        }
        assertThat(FakeServices.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void streamsARequestBodyThroughUnchanged() throws Exception {
        byte[] body = new byte[1_500_000];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/appointments")
                .then().statusCode(200).body("method", equalTo("POST"), "bodyLength", equalTo(body.length), "bodySha256", equalTo(sha));
    }

    @Test
    void withoutATokenNothingIsForwarded() {
        int before = FakeServices.REQUESTS.get();
        given().when().get("/api/v1/departments")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthorized"), "requestId", notNullValue(), "instance", equalTo("/api/v1/departments"));
        given().contentType("application/json").body("{\"slotId\":\"x\"}")
                .when().post("/api/v1/appointments")
                .then().statusCode(401).contentType(PROBLEM);
        assertThat(FakeServices.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aForgedOrForeignTokenIsRefused() {
        String token = Keycloak.accessToken("patient-1");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        int before = FakeServices.REQUESTS.get();
        given().header("Authorization", "Bearer " + forged)
                .when().get("/api/v1/departments")
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo("/problems/unauthorized"));
        given().header("Authorization", "Bearer not-a-jwt")
                .when().get("/api/v1/departments")
                .then().statusCode(401).contentType(PROBLEM);
        // a genuine token, but issued for another audience (a service's own account)
        given().header("Authorization", "Bearer " + Keycloak.clientToken("consultation-service", "consultation-service-secret"))
                .when().get("/api/v1/departments")
                .then().statusCode(401).contentType(PROBLEM);
        assertThat(FakeServices.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aPartnerPharmacysClientCredentialsTokenIsAccepted() {
        // pharmacy is down in this test, so getting past authentication shows as a 502 rather than a 401
        given().header("Authorization", "Bearer " + Keycloak.clientToken("partner-pharmacy-1", "partner-pharmacy-1-secret"))
                .contentType("application/json").body("{\"status\":\"ACCEPTED\"}")
                .when().post("/api/v1/partner/orders/1/status")
                .then().statusCode(502).contentType(PROBLEM);
    }

    @Test
    void anUnknownPartOfTheApiIsA404Problem() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/api/v1/nothing-here/1")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void aServiceThatIsDownIsA502Problem() {
        String id = "6a1f0c3e-8b2d-4e5f-a7c9-1d3b5f7e9a0c";
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).header("X-Request-Id", id)
                .when().get("/api/v1/reviews?status=PENDING")
                .then().statusCode(502).contentType(PROBLEM)
                .body("type", equalTo("/problems/upstream-unavailable"), "requestId", equalTo(id));
    }

    @Test
    void aServiceThatIsTooSlowIsA504Problem() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/api/v1/claims/1")
                .then().statusCode(504).contentType(PROBLEM).body("type", equalTo("/problems/upstream-timeout"));
    }

    @Test
    void theManagementPortServesTheMergedApiDocumentAndSwaggerUi() {
        String management = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("test.management.url", String.class);
        given().when().get(management + "/openapi")
                .then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("Internet hospital API"), "servers[0].url", notNullValue(),
                        "paths.'/api/v1/departments'.get.operationId", equalTo("departmentList"),
                        "info.description", org.hamcrest.Matchers.containsString("Not included (their service did not answer): pharmacy"));
        given().when().get(management + "/openapi?format=yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("title: Internet hospital API"));
        given().when().get(management + "/swagger-ui/").then().statusCode(200);
    }

    @Test
    void callersThatCloseTheirConnectionAfterEachAnswerCostOthersNothing() throws Exception {
        String bearer = Keycloak.bearer("patient-1");
        int before = FakeServices.REQUESTS.get();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, Integer>();
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 300; i++) {
                calls.add(pool.submit(() -> {
                    RawHttp.Reply reply = RawHttp.get(RestAssured.port, "/api/v1/doctors", Map.of("Authorization", bearer));
                    return statuses.merge(reply.status(), 1, Integer::sum);
                }));
            }
            for (var call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnlyKeys(200);
        // one request upstream per caller: none lost, none sent twice
        assertThat(FakeServices.REQUESTS.get() - before).isEqualTo(300);
    }

    @Test
    void aHeadRequestIsAnsweredWithoutABody() throws Exception {
        given().header("Authorization", Keycloak.bearer("patient-1")).when().head("/api/v1/departments")
                .then().statusCode(200).body(org.hamcrest.Matchers.emptyString());
    }

    @Test
    void healthAnswers() {
        given().when().get(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("test.management.url", String.class)
                + "/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
