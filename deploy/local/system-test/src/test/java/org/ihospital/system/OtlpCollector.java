package org.ihospital.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * A trace collector in the test: it takes what the services export over OTLP/HTTP (protobuf, as Quarkus
 * sends it, to {@code /v1/traces} or to the root) and keeps every span in memory, with its service's name.
 */
final class OtlpCollector implements AutoCloseable {

    /** One span as the test reads it. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes, List<String> linkedTraceIds) {

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    OtlpCollector(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        // the signal's path when the services are given the base endpoint; the root when given the traces endpoint itself
        server.createContext("/", this::export);
        server.start();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Exports it could not read (a test reports them: a collector that drops spans must not look like a missing trace). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (RuntimeException | IOException | LinkageError e) {
                failures.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            request.getResourceSpansList().forEach(resource -> {
                String service = text(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> spans.add(new Span(service,
                        HEX.formatHex(span.getTraceId().toByteArray()), HEX.formatHex(span.getSpanId().toByteArray()),
                        HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
                        text(span.getAttributesList()),
                        span.getLinksList().stream().map(l -> HEX.formatHex(l.getTraceId().toByteArray())).toList()))));
            });
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach(kv -> values.put(kv.getKey(), text(kv.getValue())));
        return values;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
