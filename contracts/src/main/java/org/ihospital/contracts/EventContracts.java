package org.ihospital.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event contracts as code: the JSON Schema of each CloudEvent type, read from
 * {@code contracts/events/<type without the "hospital." prefix>.json}, and a check that a payload
 * conforms. Producers' tests use it to prove that what they publish is what consumers were promised.
 */
public final class EventContracts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** @param type the CloudEvent type, e.g. {@code hospital.prescription.issued.v1} */
    public static boolean exists(String type) {
        return EventContracts.class.getResource(resource(type)) != null;
    }

    /** The violations of {@code payload} against the schema of {@code type}; empty when it conforms. */
    public static List<String> violations(String type, String payload) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventContracts::load);
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String type) {
        try (InputStream in = EventContracts.class.getResourceAsStream(resource(type))) {
            if (in == null) {
                throw new IllegalArgumentException("no contract for event type " + type);
            }
            return FACTORY.getSchema(JSON.readTree(in), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String type) {
        if (type == null || !type.matches("hospital\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("not a hospital event type: " + type);
        }
        return "/contracts/events/" + type.substring("hospital.".length()) + ".json";
    }
}
