package org.ihospital.insurance.claim;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ihospital.commons.testing.ServiceProcess;

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
    private ServiceProcess process;

    @Override
    public Map<String, String> start() {
        int port = ServiceProcess.freePort();
        url = "http://127.0.0.1:" + port;
        process = ServiceProcess.program(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", PROGRAM.toString()),
                Map.of("PAYER_PORT", Integer.toString(port), "PAYER_SECRET", SECRET, "PAYER_CATALOGUE", CATALOGUE.toString()), port,
                URI.create(url + "/health"), Path.of("target", "reference-payer.log"), Duration.ofSeconds(60));
        return Map.of("hospital.insurance.payers.basic.url", url + "/basic", "hospital.insurance.payers.basic.secret", SECRET,
                "hospital.insurance.payers.supplementary.url", url + "/supplementary", "hospital.insurance.payers.supplementary.secret", SECRET);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.close();
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
