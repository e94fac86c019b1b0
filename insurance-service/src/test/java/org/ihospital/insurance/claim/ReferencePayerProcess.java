package org.ihospital.insurance.claim;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The reference payer of deploy/local (the same program 'hospital up' starts), run as a process on a free
 * port for the whole test run: claims are exchanged with a real HTTP payer that applies its own copy of
 * the rules, and that the tests tell to refuse, disagree, fail or time out.
 */
public class ReferencePayerProcess implements QuarkusTestResourceLifecycleManager {

    /** Test-only: the payer and the service sign and check with it. */
    static final String SECRET = "whsec_dGVzdC1vbmx5LXJlZmVyZW5jZS1wYXllci1zZWNyZXQ=";
    private static final Path PROGRAM = Path.of("..", "deploy", "local", "reference-payer", "ReferencePayer.java");
    private static final Path CATALOGUE = Path.of("..", "contracts", "src", "main", "resources", "contracts", "reference", "insurance-catalogue.csv");

    private static volatile String url;
    private Process process;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path log = Path.of("target", "reference-payer.log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    PROGRAM.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(Map.of("PAYER_PORT", Integer.toString(port), "PAYER_SECRET", SECRET, "PAYER_CATALOGUE",
                    CATALOGUE.toString()));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + PROGRAM, e);
        }
        url = "http://127.0.0.1:" + port;
        awaitHealthy(log);
        return Map.of("hospital.insurance.payers.basic.url", url + "/basic", "hospital.insurance.payers.basic.secret", SECRET,
                "hospital.insurance.payers.supplementary.url", url + "/supplementary", "hospital.insurance.payers.supplementary.secret", SECRET);
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the reference payer stopped; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the reference payer did not answer within 60 s; see " + log.toAbsolutePath());
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the payer how to answer the next {@code times} new submissions of a phase ({@code mode}: refuse, disagree, fail, timeout, …). */
    static void control(String payer, String phase, String mode, int times, long delayMs) {
        given().contentType(ContentType.JSON).body(Map.of("payer", payer, "phase", phase, "mode", mode, "times", times, "delayMs", delayMs,
                "reason", "not insured on the day of the claim")).post(url + "/control").then().statusCode(204);
    }

    static void reset() {
        given().delete(url + "/control").then().statusCode(204);
    }

    /** What the payer recorded of a claim: each key with its outcome, pays, and how many times it was POSTed. */
    static List<Map<String, Object>> ledger(Object claim) {
        JsonPath ledger = given().get(url + "/ledger/" + claim).then().statusCode(200).extract().jsonPath();
        return ledger.getList("entries");
    }
}
