package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ihospital.commons.probe.LogFiles.AUDIT_LOG;
import static org.ihospital.commons.probe.LogFiles.LOG;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.testing.Keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What reaches the logs has the request id and the trace id, and no phone number, ID-card number or name in clear — in
 * every handler (the JSON file, as in production, and a named handler of one category), though the
 * test configuration names the PII filter on none of them.
 */
@QuarkusTest
class PiiLoggingTest {

    /** Every personal value that the probes log, as they log it; none may be in any line of this run. */
    static final List<String> CLEAR_VALUES = List.of(
            // NoteResource: /probe/log and /probe/boom
            "13812345678", "11010119900307123X", "张三丰",
            // Chinese name labels
            "李小龙", "王五",
            // numbers in groups, with dashes, in full-width digits
            "138 1234 5678", "1391-234-5678", "13912345678", "１３７１２３４５６７８", "13712345678",
            "110101 19900307 123X",
            // a record's toString
            "欧阳娜娜", "13512345678",
            // a PostgreSQL failing row, in the exception's message and its cause's
            "司马相如", "13612345678", "北京市朝阳区",
            // the named handler
            "诸葛孔明", "150 1234 5678", "15012345678", "上官婉儿");

    @Test
    void logLinesCarryTheRequestIdAndTraceIdAndMaskPersonalData() {
        String marker = "marker-" + UUID.randomUUID();
        String requestId = call("/probe/log?marker=" + marker, 200);

        JsonNode line = awaitLine(requestId, "INFO");
        assertThat(line.at("/mdc/traceId").asText()).as("the request's trace id beside its request id").matches("[0-9a-f]{32}");
        assertThat(line.get("message").asText()).startsWith(marker)
                .contains("138****5678", "110***********123X", "name=张**")
                .doesNotContain("13812345678", "11010119900307123X", "张三丰");
    }

    @Test
    void anUnexpectedErrorIsLoggedOnceWithTheRequestId() {
        String requestId = call("/probe/boom", 500);

        JsonNode error = awaitLine(requestId, "ERROR");
        assertThat(error.at("/exception/frames").size()).isPositive();
        assertThat(error.at("/exception/message").asText())
                .contains("IllegalStateException", "138****5678").doesNotContain("13812345678");
    }

    @Test
    void everyCaseIsMaskedInEveryHandler() {
        String labels = call("/probe/pii/chinese-labels", 200);
        String numbers = call("/probe/pii/grouped-numbers", 200);
        String record = call("/probe/pii/record", 200);
        String failingRow = call("/probe/pii/failing-row", 500);
        String named = call("/probe/pii/named-handler", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> LogFiles.logged(LOG, named) && LogFiles.logged(AUDIT_LOG, named));

        SoftAssertions softly = new SoftAssertions();
        // each case did reach the logs, masked (else the check for clear values would pass on an empty file)
        softly.assertThat(message(LOG, labels)).contains("姓名：张**", "患者: 李**", "紧急联系人：王*");
        softly.assertThat(message(LOG, numbers)).contains("138****5678", "139****5678", "137****5678", "110***********123X");
        softly.assertThat(message(LOG, record)).contains("displayName=欧***", "phone=135****5678");
        JsonNode error = LogFiles.line(LOG, failingRow, "ERROR");
        softly.assertThat(error.at("/exception/message").asText()).contains("IllegalStateException", "Failing row contains (***)");
        softly.assertThat(error.toString()).contains("PSQLException", "patient_phone_check");
        softly.assertThat(message(LOG, named)).contains("姓名：诸***", "150****5678", "displayName=上***");
        softly.assertThat(message(AUDIT_LOG, named)).contains("姓名：诸***", "150****5678", "displayName=上***");
        // and no line that this run wrote, to either file, holds a clear value
        LogFiles.noClearValueInAnyLineOfThisRun(softly, CLEAR_VALUES);
        softly.assertAll();
    }

    /** Once more when every test here has logged what it logs. */
    @AfterAll
    static void noLineOfThisRunHoldsAClearValue() {
        SoftAssertions softly = new SoftAssertions();
        LogFiles.noClearValueInAnyLineOfThisRun(softly, CLEAR_VALUES);
        softly.assertAll();
    }

    static String call(String path, int status) {
        String requestId = UUID.randomUUID().toString();
        given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", requestId)
                .when().get(path).then().statusCode(status);
        return requestId;
    }

    private static JsonNode awaitLine(String requestId, String level) {
        await().atMost(Duration.ofSeconds(5)).until(() -> LogFiles.logged(LOG, requestId));
        return LogFiles.line(LOG, requestId, level);
    }

    private static String message(Path file, String requestId) {
        return LogFiles.line(file, requestId, "INFO").path("message").asText();
    }
}
