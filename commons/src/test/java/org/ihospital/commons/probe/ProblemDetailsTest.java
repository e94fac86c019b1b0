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
    void malformedPathParameterIsA404NotA500() {
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/probe/notes/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
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
