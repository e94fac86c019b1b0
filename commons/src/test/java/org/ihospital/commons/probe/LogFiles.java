package org.ihospital.commons.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads back the probe application's log files (see application.properties), only what this JVM wrote. */
final class LogFiles {

    /** The file handler (JSON, as in production). */
    static final Path LOG = Path.of("target/commons-test.log");
    /** The named handler of the category {@link PiiProbeResource#AUDIT_CATEGORY} (JSON too). */
    static final Path AUDIT_LOG = Path.of("target/commons-test-audit.log");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    /** The header of a record that Quarkus writes as text: it starts with the date. */
    private static final Pattern TEXT_RECORD = Pattern.compile("\\d{4}-\\d\\d-\\d\\d ");

    private LogFiles() {
    }

    /** The one line of the given level that the request with this id logged. */
    static JsonNode line(Path file, String requestId, String level) {
        List<JsonNode> found = jsonLines(file).stream()
                .filter(l -> hasRequestId(l, requestId) && level.equals(l.path("level").asText()))
                .toList();
        assertThat(found).as("%s lines of request %s in %s", level, requestId, file).hasSize(1);
        return found.get(0);
    }

    static boolean logged(Path file, String requestId) {
        return jsonLines(file).stream().anyMatch(l -> hasRequestId(l, requestId));
    }

    static boolean hasRequestId(JsonNode line, String requestId) {
        return requestId.equals(line.at("/mdc/requestId").asText());
    }

    /** Checks every line this JVM wrote to either file against every clear value. */
    static void noClearValueInAnyLineOfThisRun(SoftAssertions softly, List<String> clearValues) {
        for (Path file : List.of(LOG, AUDIT_LOG)) {
            List<String> lines = linesOfThisRun(file);
            softly.assertThat(lines).as("lines of this run in %s", file).isNotEmpty();
            for (String line : lines) {
                for (String clear : clearValues) {
                    softly.assertThat(line).as("%s in a line of %s", clear, file).doesNotContain(clear);
                }
            }
        }
    }

    static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : linesOfThisRun(file)) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /**
     * Every line this JVM wrote to a log file, whichever form it took: the files outlive runs and rotate
     * when a JVM starts (so this run's first lines may be in {@code .1}, {@code .2} …); a JSON line names
     * its process, a text line (Quarkus logs as text while it builds the application) has {@code [pid]}
     * in its header, and the lines of a text stack trace belong to the record above them.
     */
    static List<String> linesOfThisRun(Path file) {
        List<String> mine = new ArrayList<>();
        for (int backup = 9; backup >= 0; backup--) {
            Path path = backup == 0 ? file : file.resolveSibling(file.getFileName() + "." + backup);
            boolean ours = false;
            for (String line : readLines(path)) {
                if (line.startsWith("{")) {
                    try {
                        ours = PID.equals(JSON.readTree(line).path("processId").asText());
                    } catch (IOException e) {
                        ours = true; // a line being written: check it anyway
                    }
                } else if (TEXT_RECORD.matcher(line).lookingAt()) {
                    ours = line.contains("[" + PID + "]");
                }
                if (ours) {
                    mine.add(line);
                }
            }
        }
        return mine;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
