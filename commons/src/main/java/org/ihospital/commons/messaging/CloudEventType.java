package org.ihospital.commons.messaging;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code type} attribute of our CloudEvents: {@code hospital.<aggregate>.<event>.v<version>}.
 * The version is part of the type so that a consumer can keep reading v1 while v2 is rolled out.
 */
public record CloudEventType(String aggregate, String event, int version) {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern FULL = Pattern.compile("hospital\\.([a-z][a-z0-9-]*)\\.([a-z][a-z0-9-]*)\\.v([1-9][0-9]*)");

    public CloudEventType {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(event, "event");
        if (!WORD.matcher(aggregate).matches() || !WORD.matcher(event).matches()) {
            throw new IllegalArgumentException("aggregate and event must be lower-case words: " + aggregate + "." + event);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }

    /** {@code CloudEventType.of("prescription.issued")} is version 1; pass a version for later ones. */
    public static CloudEventType of(String aggregateDotEvent) {
        return of(aggregateDotEvent, 1);
    }

    public static CloudEventType of(String aggregateDotEvent, int version) {
        int dot = aggregateDotEvent.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("expected <aggregate>.<event>: " + aggregateDotEvent);
        }
        return new CloudEventType(aggregateDotEvent.substring(0, dot), aggregateDotEvent.substring(dot + 1), version);
    }

    public static CloudEventType parse(String type) {
        var m = FULL.matcher(type == null ? "" : type);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a hospital CloudEvent type: " + type);
        }
        return new CloudEventType(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** {@code prescription.issued}: the name without prefix and version, as the catalogue lists it. */
    public String name() {
        return aggregate + "." + event;
    }

    @Override
    public String toString() {
        return "hospital." + aggregate + "." + event + ".v" + version;
    }
}
