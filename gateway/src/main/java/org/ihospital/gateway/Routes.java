package org.ihospital.gateway;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.net.SocketAddress;

/**
 * Resolves {@code /api/v1/<segment>/…} to the address of the service that owns {@code <segment>}. The
 * operators' segment {@code ops} is owned by the service its next segment names:
 * {@code /api/v1/ops/pharmacy/dead-letters} goes to pharmacy. The FHIR views are owned by resource type:
 * {@code /api/v1/fhir/r4/Claim/…} goes to the service that serves Claims.
 */
final class Routes {

    private static final String PREFIX = "/api/v1/";
    private static final String OPERATIONS = "ops";
    private static final String FHIR = "fhir";
    private static final String FHIR_VERSION = "r4";

    private final Map<String, SocketAddress> bySegment = new HashMap<>();
    private final Map<String, SocketAddress> byService = new HashMap<>();
    private final Map<String, SocketAddress> byFhirType = new HashMap<>();

    Routes(GatewayConfig config) {
        config.services().forEach((service, base) -> byService.put(service, address(base)));
        config.routes().forEach((segment, service) -> bySegment.put(segment, known(service, "route " + segment)));
        config.fhirTypes().forEach((type, service) -> byFhirType.put(type, known(service, "FHIR type " + type)));
    }

    private SocketAddress known(String service, String what) {
        SocketAddress address = byService.get(service);
        if (address == null) {
            throw new IllegalStateException(what + " names unknown service " + service);
        }
        return address;
    }

    private static SocketAddress address(URI base) {
        int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
        return SocketAddress.inetSocketAddress(port, base.getHost());
    }

    Optional<SocketAddress> resolve(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] segments = path.substring(PREFIX.length()).split("/", 3);
        if (OPERATIONS.equals(segments[0])) {
            return segments.length > 1 ? Optional.ofNullable(byService.get(segments[1])) : Optional.empty();
        }
        if (FHIR.equals(segments[0])) {
            String[] fhir = path.substring(PREFIX.length()).split("/", 4);
            return fhir.length > 2 && FHIR_VERSION.equals(fhir[1]) ? Optional.ofNullable(byFhirType.get(fhir[2])) : Optional.empty();
        }
        return Optional.ofNullable(bySegment.get(segments[0]));
    }
}
