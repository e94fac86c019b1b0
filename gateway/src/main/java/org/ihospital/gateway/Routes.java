package org.ihospital.gateway;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.net.SocketAddress;

/**
 * Resolves {@code /api/v1/<segment>/…} to the address of the service that owns {@code <segment>}. The
 * operators' segment {@code ops} is owned by the service its next segment names:
 * {@code /api/v1/ops/pharmacy/dead-letters} goes to pharmacy.
 */
final class Routes {

    private static final String PREFIX = "/api/v1/";
    private static final String OPERATIONS = "ops";

    private final Map<String, SocketAddress> bySegment = new HashMap<>();
    private final Map<String, SocketAddress> byService = new HashMap<>();

    Routes(GatewayConfig config) {
        config.services().forEach((service, base) -> byService.put(service, address(base)));
        config.routes().forEach((segment, service) -> {
            SocketAddress address = byService.get(service);
            if (address == null) {
                throw new IllegalStateException("route " + segment + " names unknown service " + service);
            }
            bySegment.put(segment, address);
        });
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
        return Optional.ofNullable(bySegment.get(segments[0]));
    }
}
