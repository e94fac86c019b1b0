package org.ihospital.gateway;

import java.util.List;
import java.util.Locale;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * The gateway is the edge: whatever a caller says about where a request came from is a claim, not a
 * fact. So the caller's {@code Forwarded}, {@code X-Forwarded-*} and {@code X-Real-IP} headers are
 * dropped and the gateway states what it saw itself, in the {@code X-Forwarded-*} form only (not the
 * RFC 7239 {@code Forwarded} header), so that a service never sees two accounts that disagree:
 * {@code X-Forwarded-For} the peer address, {@code X-Forwarded-Proto} the scheme, {@code X-Forwarded-Host}
 * the host (and port) the caller addressed.
 */
final class ForwardedHeaders {

    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {
    }

    static void replace(HttpServerRequest request) {
        MultiMap headers = request.headers();
        List<String> claims = headers.names().stream().filter(ForwardedHeaders::isClaim).toList();
        claims.forEach(headers::remove);
        SocketAddress peer = request.remoteAddress();
        if (peer != null && peer.hostAddress() != null) {
            headers.set(FOR, peer.hostAddress());
        }
        headers.set(PROTO, request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set(HOST, authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host());
        }
    }

    private static boolean isClaim(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip");
    }
}
