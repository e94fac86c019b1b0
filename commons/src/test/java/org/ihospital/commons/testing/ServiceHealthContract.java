package org.ihospital.commons.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service with a database and Kafka must answer to operators, on its management interface
 * (never on the API port the gateway routes). A service's test extends it
 * ({@code @QuarkusTest class HealthTest extends ServiceHealthContract {}}).
 */
public abstract class ServiceHealthContract {

    /** The management interface of the application under test, e.g. {@code http://localhost:41234/q}. */
    protected static String management() {
        return ConfigProvider.getConfig().getValue("test.management.url", String.class);
    }

    @Test
    void readinessChecksTheDatabaseOnly() {
        given().when().get(management() + "/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"), "checks.name", containsInAnyOrder("Reactive PostgreSQL connections health check",
                        "Database connections health check"));
    }

    @Test
    void kafkaAndTheOutboxAreHealthDataNoProbeActsOn() {
        given().when().get(management() + "/health/well")
                .then().body("checks.name", hasItem("Kafka and the outbox"));
        given().when().get(management() + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsIncludeTheOutboxBacklog() {
        given().when().get(management() + "/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"), containsString("hospital_outbox_pending"),
                        containsString("hospital_outbox_oldest_pending_age_seconds"));
    }

    @Test
    void theOpenApiDocumentIsServedOnTheManagementPort() {
        given().when().get(management() + "/openapi?format=json").then().statusCode(200).body("openapi", startsWith("3."));
    }

    @Test
    void theApiPortServesNoneOfIt() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui")) {
            given().when().get(path).then().statusCode(404);
        }
    }
}
