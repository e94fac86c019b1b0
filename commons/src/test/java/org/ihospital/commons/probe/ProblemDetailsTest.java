package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every error is RFC 9457 problem details with the request id, and a refused request changes nothing. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIsA400ProblemAndChangesNothing() {
        Map<String, String> before = Database.fingerprint("note", "outbox_event");
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"text\": \"unterminated")
                .when().post("/probe/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("/problems/malformed-json"), "status", equalTo(400), "title", notNullValue(),
                        "requestId", notNullValue(), "instance", equalTo("/probe/notes"));
        assertThat(Database.fingerprint("note", "outbox_event")).isEqualTo(before);
    }

    @Test
    void unknownFieldIsNamed() {
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"text\": \"hello\", \"priority\": 1, \"colour\": \"red\"}")
                .when().post("/probe/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("/problems/validation"), "errors", hasSize(1),
                        "errors[0].field", equalTo("colour"), "errors[0].message", equalTo("unknown field"));
    }

    @Test
    void wrongTypeIsNamedWithTheExpectedType() {
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"text\": \"hello\", \"priority\": \"high\"}")
                .when().post("/probe/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("priority"), "errors[0].message", equalTo("must be an integer"));
    }

    @Test
    void failedValidationListsEveryField() {
        Map<String, String> before = Database.fingerprint("note", "outbox_event");
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body("{\"text\": \" \", \"priority\": -3, \"tags\": [\"ok\", \"\"]}")
                .when().post("/probe/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("/problems/validation"), "errors", hasSize(3),
                        "errors.field", allOf(hasItem("text"), hasItem("priority"), hasItem("tags[1]")));
        assertThat(Database.fingerprint("note", "outbox_event")).isEqualTo(before);
    }

    @Test
    void missingBodyIsA400() {
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/probe/notes")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("/problems/validation"));
    }

    @Test
    void unknownResourceIsA404Problem() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("/problems/not-found"), "detail", containsString("6f1c2d7e"));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/nothing-here")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void malformedPathParameterIsA400NamingIt() {
        for (String id : new String[] { "not-a-uuid", "1-2-3-4-5", "6f1c2d7e-0000-4000-8000-00000000000g" }) {
            given().header("Authorization", Keycloak.bearer("patient-1"))
                    .when().get("/probe/notes/" + id)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("/problems/validation"), "errors[0].field", equalTo("id"),
                            "errors[0].message", equalTo("must be a UUID"));
        }
    }

    @Test
    void malformedQueryParameterIsA400NamingIt() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes?limit=abc")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"), "errors[0].message", equalTo("must be an integer"));
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes?limit=2&minPriority=1.5")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("minPriority"));
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes?limit=2&minPriority=1")
                .then().statusCode(200);
    }

    @Test
    void scalarsAreNotCoerced() {
        Map<String, String> before = Database.fingerprint("note", "outbox_event");
        String[][] refused = {
                { "{\"text\": \"hello\", \"priority\": 3.9}", "priority" },
                { "{\"text\": \"hello\", \"priority\": 3.0}", "priority" },
                { "{\"text\": \"hello\", \"priority\": \"3\"}", "priority" },
                { "{\"text\": \"hello\", \"priority\": true}", "priority" },
                { "{\"text\": 42, \"priority\": 3}", "text" },
                { "{\"text\": false, \"priority\": 3}", "text" },
                { "{\"text\": \"hello\", \"priority\": null}", "priority" },
                { "{\"text\": \"hello\", \"priority\": 3, \"tags\": [7]}", "tags[0]" },
        };
        for (String[] body : refused) {
            given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                    .body(body[0])
                    .when().post("/probe/notes")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("/problems/validation"), "errors[0].field", equalTo(body[1]));
        }
        assertThat(Database.fingerprint("note", "outbox_event")).isEqualTo(before);
    }

    @Test
    void aKeyGivenTwiceOrTrailingContentIsRefused() {
        Map<String, String> before = Database.fingerprint("note", "outbox_event");
        for (String body : new String[] { "{\"text\": \"hello\", \"priority\": 3, \"priority\": 9}",
                "{\"text\": \"hello\", \"priority\": 3} {\"text\": \"again\", \"priority\": 3}" }) {
            given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                    .body(body)
                    .when().post("/probe/notes")
                    .then().statusCode(400).contentType(PROBLEM);
        }
        assertThat(Database.fingerprint("note", "outbox_event")).isEqualTo(before);
    }

    @Test
    void conflictIsA409WithItsOwnTypeAndExtensions() {
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .when().post("/probe/conflict")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("/problems/note-conflict"), "conflictingNote", equalTo("n-1"),
                        "detail", equalTo("note n-1 is being edited by someone else"));
    }

    @Test
    void unexpectedErrorIsAGeneric500WithoutInternals() {
        String body = given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", "b0000000-0000-4000-8000-000000000001")
                .when().get("/probe/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("/problems/internal"), "requestId", equalTo("b0000000-0000-4000-8000-000000000001"))
                .extract().asString();
        assertThat(body).doesNotContain("hunter2", "IllegalStateException", "at org.", "13812345678");
    }

    @Test
    void noTokenIsA401ProblemWithChallenge() {
        given().when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("/problems/unauthorized"), "requestId", notNullValue());
    }

    @Test
    void forgedTokenIsA401Problem() {
        String forged = Keycloak.accessToken("patient-1");
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().header("Authorization", "Bearer " + forged)
                .when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo("/problems/unauthorized"));
    }

    @Test
    void wrongRoleIsA403Problem() {
        given().header("Authorization", Keycloak.bearer("doctor-1"))
                .when().get("/probe/patients-only")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo("/problems/forbidden"));
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/patients-only")
                .then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemNamingItAndChangesNothing() throws Exception {
        Map<String, String> before = Database.fingerprint("note", "outbox_event");
        long limit = 10_240 * 1024L; // quarkus.http.limits.max-body-size's default, which the probe keeps
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /probe/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + Keycloak.bearer("patient-1") + "\r\nContent-Length: " + (limit + 1) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write("{\"text\": \"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: " + PROBLEM)
                    .containsIgnoringCase("x-request-id: ")
                    .contains("\"type\":\"/problems/body-too-large\"", "\"maxBytes\":" + limit, "10 MiB");
        }
        assertThat(Database.fingerprint("note", "outbox_event")).isEqualTo(before);
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", "abc00000-0000-4000-8000-000000000123")
                .when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().header("X-Request-Id", "abc00000-0000-4000-8000-000000000123").body("requestId", equalTo("abc00000-0000-4000-8000-000000000123"));
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        // a header that could inject into logs is replaced, not echoed
        given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", "x\" onload=1 {}")
                .when().get("/probe/notes/6f1c2d7e-0000-4000-8000-000000000000")
                .then().header("X-Request-Id", not(containsString("onload")));
    }
}
