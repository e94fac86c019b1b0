package org.ihospital.gateway;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.net.SocketAddress;

/** Resolves {@code /api/v1/<segment>/…} to the address of the service that owns {@code <segment>}. */
final class Routes {

    private static final String PREFIX = "/api/v1/";

    private final Map<String, SocketAddress> bySegment = new HashMap<>();

    Routes(GatewayConfig config) {
        config.routes().forEach((segment, service) -> {
            URI base = config.services().get(service);
            if (base == null) {
                throw new IllegalStateException("route " + segment + " names unknown service " + service);
            }
            int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
            bySegment.put(segment, SocketAddress.inetSocketAddress(port, base.getHost()));
        });
    }

    Optional<SocketAddress> resolve(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        int end = rest.indexOf('/');
        String segment = end < 0 ? rest : rest.substring(0, end);
        return Optional.ofNullable(bySegment.get(segment));
    }
}
