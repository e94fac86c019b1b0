package org.ihospital.commons.probe;

import static org.awaitility.Awaitility.await;
import static org.ihospital.commons.probe.LogFiles.AUDIT_LOG;
import static org.ihospital.commons.probe.LogFiles.LOG;

import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the console off — as where only a file or a log collector is read — the other handlers still mask.
 * (With the console on, its filter rewrites the record that the file handler receives next, which
 * hides whether the file handler masks by itself.)
 */
@QuarkusTest
@TestProfile(PiiLoggingWithoutConsoleTest.ConsoleOff.class)
class PiiLoggingWithoutConsoleTest {

    public static class ConsoleOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.enabled", "false");
        }
    }

    @Test
    void theFileAndTheNamedHandlerMaskWithoutTheConsole() {
        String plain = PiiLoggingTest.call("/probe/log?marker=no-console", 200);
        String labels = PiiLoggingTest.call("/probe/pii/chinese-labels", 200);
        String named = PiiLoggingTest.call("/probe/pii/named-handler", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> LogFiles.logged(LOG, named) && LogFiles.logged(AUDIT_LOG, named));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(message(plain)).contains("138****5678", "110***********123X", "name=张**");
        softly.assertThat(message(labels)).contains("姓名：张**", "患者: 李**");
        softly.assertThat(LogFiles.line(AUDIT_LOG, named, "INFO").path("message").asText()).contains("姓名：诸***", "150****5678");
        LogFiles.noClearValueInAnyLineOfThisRun(softly, PiiLoggingTest.CLEAR_VALUES);
        softly.assertAll();
    }

    private static String message(String requestId) {
        return LogFiles.line(LOG, requestId, "INFO").path("message").asText();
    }
}
