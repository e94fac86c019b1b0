package org.ihospital.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

/** Which service a path goes to: by its first segment, by the next for ops, and by resource type for the FHIR views. */
class RoutesTest {

    private static final Map<String, URI> SERVICES = Map.of("consultation", URI.create("http://127.0.0.1:8081"),
            "pharmacy", URI.create("http://127.0.0.1:8082"), "insurance", URI.create("http://127.0.0.1:8083"));

    private static Routes routes(Map<String, String> fhirTypes) {
        return new Routes(new GatewayConfig() {
            public Map<String, URI> services() {
                return SERVICES;
            }

            public Map<String, String> routes() {
                return Map.of("appointments", "consultation", "claims", "insurance");
            }

            public Map<String, String> fhirTypes() {
                return fhirTypes;
            }

            public Duration upstreamTimeout() {
                return Duration.ofSeconds(1);
            }

            public Map<String, URI> apiDocs() {
                return Map.of();
            }

            public String publicUrl() {
                return "http://127.0.0.1:8080";
            }

            public List<String> signedCallbacks() {
                return List.of();
            }
        });
    }

    private static Optional<Integer> port(Routes routes, String path) {
        return routes.resolve(path).map(SocketAddress::port);
    }

    @Test
    void theFhirViewsGoToTheServiceThatServesTheirType() {
        Routes routes = routes(Map.of("Appointment", "consultation", "Claim", "insurance", "ClaimResponse", "insurance",
                "MedicationDispense", "pharmacy"));
        assertThat(port(routes, "/api/v1/fhir/r4/Appointment/3f2a")).contains(8081);
        assertThat(port(routes, "/api/v1/fhir/r4/Appointment")).contains(8081);
        assertThat(port(routes, "/api/v1/fhir/r4/Claim/1")).contains(8083);
        assertThat(port(routes, "/api/v1/fhir/r4/ClaimResponse")).contains(8083);
        assertThat(port(routes, "/api/v1/fhir/r4/MedicationDispense/1")).contains(8082);
        // an unknown type, another FHIR version, no type: no service
        assertThat(port(routes, "/api/v1/fhir/r4/Patient/1")).isEmpty();
        assertThat(port(routes, "/api/v1/fhir/r4/claim/1")).isEmpty();
        assertThat(port(routes, "/api/v1/fhir/r5/Claim/1")).isEmpty();
        assertThat(port(routes, "/api/v1/fhir/r4")).isEmpty();
        assertThat(port(routes, "/api/v1/fhir")).isEmpty();
        // the other segments as before
        assertThat(port(routes, "/api/v1/claims/1")).contains(8083);
        assertThat(port(routes, "/api/v1/ops/pharmacy/dead-letters")).contains(8082);
    }

    @Test
    void aFhirTypeOfAnUnknownServiceIsAMistakeAtStart() {
        assertThatThrownBy(() -> routes(Map.of("Claim", "billing"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Claim").hasMessageContaining("billing");
    }

    @Test
    void theShippedConfigurationRoutesEveryFhirTypeTheServicesServe() throws Exception {
        var properties = new java.util.Properties();
        try (var in = RoutesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> types = new java.util.TreeMap<>();
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("hospital.gateway.fhir-types."))
                .forEach(k -> types.put(k.substring("hospital.gateway.fhir-types.".length()), properties.getProperty(k)));
        assertThat(types).containsEntry("Appointment", "consultation").containsEntry("Encounter", "consultation")
                .containsEntry("Condition", "consultation").containsEntry("MedicationRequest", "consultation")
                .containsEntry("Observation", "consultation").containsEntry("CarePlan", "consultation")
                .containsEntry("Claim", "insurance").containsEntry("ClaimResponse", "insurance")
                .containsEntry("MedicationDispense", "pharmacy");
        Routes routes = routes(types);
        assertThat(port(routes, "/api/v1/fhir/r4/Observation/1")).contains(8081);
        assertThat(port(routes, "/api/v1/fhir/r4/ClaimResponse/1")).contains(8083);
        assertThat(port(routes, "/api/v1/fhir/r4/MedicationDispense/1")).contains(8082);
    }
}
