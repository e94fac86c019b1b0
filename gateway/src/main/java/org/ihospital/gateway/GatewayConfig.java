package org.ihospital.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Which service owns which part of the API, and where it listens. */
@ConfigMapping(prefix = "hospital.gateway")
public interface GatewayConfig {

    /** Service name → base URL, e.g. {@code consultation → http://127.0.0.1:8081}. */
    Map<String, URI> services();

    /** First path segment under {@code /api/v1} → service name, e.g. {@code departments → consultation}. */
    Map<String, String> routes();

    /**
     * FHIR resource type → service name, for {@code /api/v1/fhir/r4/<Type>…}: each service serves the FHIR
     * views of what it owns (ADR 0025), e.g. {@code Claim → insurance}.
     */
    Map<String, String> fhirTypes();

    /** How long the gateway waits for a service's answer to start. */
    Duration upstreamTimeout();

    /** Service name → where its OpenAPI document is (its management port), merged into the API's one document. */
    Map<String, URI> apiDocs();

    /** The API's public address, as the merged OpenAPI document states it. */
    String publicUrl();

    /**
     * Paths under {@code /api/v1/} that third parties call without a token because the service checks
     * their signature instead (a payment provider's notifications): forwarded as they come. Exact paths,
     * without the leading {@code /api/v1/}.
     */
    @io.smallrye.config.WithDefault("payments/sandbox/callback")
    java.util.List<String> signedCallbacks();
}
