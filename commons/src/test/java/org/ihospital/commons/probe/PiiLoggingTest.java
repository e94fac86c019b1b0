package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.testing.Keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What reaches the (JSON, as in production) log has the request id and no phone number, ID-card number or name in clear. */
@QuarkusTest
class PiiLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logLinesCarryTheRequestIdAndMaskPersonalData() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", "7a1e0b1c-0000-4000-8000-000000000007")
                .queryParam("marker", marker)
                .when().get("/probe/log").then().statusCode(200);

        Path log = Path.of("target/commons-test.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains(marker));
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains(marker)).toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.at("/mdc/requestId").asText()).isEqualTo("7a1e0b1c-0000-4000-8000-000000000007");
        assertThat(line.get("message").asText()).contains("138****5678", "110***********123X", "name=张**")
                .doesNotContain("13812345678", "11010119900307123X", "张三丰");
    }

    @Test
    void anUnexpectedErrorIsLoggedOnceWithTheRequestId() throws Exception {
        String requestId = UUID.randomUUID().toString();
        given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", requestId)
                .when().get("/probe/boom").then().statusCode(500);

        Path log = Path.of("target/commons-test.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains(requestId));
        List<JsonNode> errors = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            JsonNode line = JSON.readTree(l);
            if (requestId.equals(line.at("/mdc/requestId").asText()) && "ERROR".equals(line.get("level").asText())) {
                errors.add(line);
            }
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).at("/exception/frames").size()).isPositive();
        assertThat(errors.get(0).at("/exception/message").asText())
                .contains("IllegalStateException", "138****5678").doesNotContain("13812345678");
        assertThat(Files.readString(log)).doesNotContain("13812345678");
    }
}
