package org.ihospital.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The merged OpenAPI document (what the gateway serves) as a client generator and an app developer
 * meet it: every operation named, described, with a body schema for its success and problem details
 * for its refusals, and clean under a standard linter. The services' documents are the ones their
 * builds wrote (target/openapi), so the reactor builds them before the gateway.
 */
class OpenApiContractTest {

    private static final List<String> SERVICES = List.of("consultation-service", "pharmacy-service", "insurance-service");
    private static final Path MERGED = Path.of("target", "openapi", "hospital-api.json");
    private static JsonNode api;

    @BeforeAll
    static void merge() throws IOException {
        Map<String, String> documents = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path document = Path.of("..", service, "target", "openapi", service + ".json");
            assertThat(document).as("%s's document: build the services first (the full build does: mvn -B verify from the root)",
                    service).exists();
            documents.put(service, Files.readString(document));
        }
        String json = ApiDocument.merge(documents, "http://127.0.0.1:8080", List.of()).toJSON();
        Files.createDirectories(MERGED.getParent());
        Files.writeString(MERGED, json);
        api = new ObjectMapper().readTree(json);
    }

    private static List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                all.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
            }
        }));
        return all;
    }

    @Test
    void everyOperationIsNamedOnceAndDescribed() {
        List<String> ids = new ArrayList<>();
        for (var op : operations()) {
            assertThat(op.getValue().path("operationId").asText()).as(op.getKey()).isNotBlank();
            assertThat(op.getValue().path("description").asText()).as(op.getKey()).isNotBlank();
            ids.add(op.getValue().path("operationId").asText());
        }
        assertThat(ids).hasSizeGreaterThan(40).doesNotHaveDuplicates();
    }

    @Test
    void everySuccessHasABodySchemaAndEveryRefusalIsAProblem() {
        for (var op : operations()) {
            JsonNode responses = op.getValue().path("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as(op.getKey() + " answers").anyMatch(c -> c.startsWith("2"));
            for (String code : codes) {
                JsonNode content = responses.path(code).path("content");
                if (code.startsWith("2") && !code.equals("204")) {
                    assertThat(content.isObject() && content.size() > 0).as(op.getKey() + " " + code + " has a body").isTrue();
                    content.fields().forEachRemaining(media -> assertThat(media.getValue().path("schema").isObject())
                            .as(op.getKey() + " " + code + " " + media.getKey() + " schema").isTrue());
                    content.fields().forEachRemaining(media -> assertThat(media.getValue().path("schema").toString())
                            .as(op.getKey() + " " + code + " is no placeholder").doesNotContain("JsonNode"));
                }
                if ((code.startsWith("4") || code.startsWith("5")) && isFhir(op.getKey())) {
                    // FHIR's clients expect FHIR's error document (ADR 0025)
                    assertThat(content.path(FHIR_JSON).path("schema").path("$ref").asText())
                            .as(op.getKey() + " " + code).isEqualTo("#/components/schemas/OperationOutcome");
                } else if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
                            .as(op.getKey() + " " + code).isEqualTo("#/components/schemas/Problem");
                }
            }
        }
    }

    /**
     * Every path a service documents reaches that service through the gateway: its first segment under
     * /api/v1 is routed to it (application.properties), or it is an operators' path naming it, or a FHIR view
     * of a type it serves.
     */
    @Test
    void everyDocumentedPathIsRoutedToItsService() throws IOException {
        java.util.Properties config = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            config.load(in);
        }
        List<String> unrouted = new ArrayList<>();
        for (String service : SERVICES) {
            String owner = service.replace("-service", "");
            new ObjectMapper().readTree(Path.of("..", service, "target", "openapi", service + ".json").toFile()).path("paths")
                    .fieldNames().forEachRemaining(path -> {
                        if (!path.startsWith("/api/v1/")) {
                            return;
                        }
                        String[] segments = path.substring("/api/v1/".length()).split("/");
                        // an operators' path names its service (/ops/{service}/… goes to the one named); a FHIR view, its type
                        String routed = segments[0].equals("ops") ? (segments[1].equals("{service}") ? owner : segments[1])
                                : segments[0].equals("fhir") ? config.getProperty("hospital.gateway.fhir-types." + segments[2])
                                : config.getProperty("hospital.gateway.routes." + segments[0]);
                        if (!owner.equals(routed)) {
                            unrouted.add(path + " (" + service + ", routed to " + routed + ")");
                        }
                    });
        }
        assertThat(unrouted).as("paths the gateway does not send to the service that serves them").isEmpty();
    }

    private static final String FHIR_JSON = "application/fhir+json";

    private static boolean isFhir(String operation) {
        return operation.contains(" /api/v1/fhir/");
    }

    @Test
    void theFhirViewsReadAndSearchEachTypeInFhirsOwnForms() {
        List<String> fhir = new ArrayList<>();
        for (var op : operations()) {
            if (!isFhir(op.getKey())) {
                continue;
            }
            fhir.add(op.getKey());
            String schema = op.getValue().at("/responses/200/content/" + FHIR_JSON.replace("/", "~1") + "/schema/$ref").asText();
            assertThat(schema).as(op.getKey()).isEqualTo(op.getKey().endsWith("/{id}") ? "#/components/schemas/FhirResource"
                    : "#/components/schemas/FhirBundle");
        }
        List<String> expected = new ArrayList<>();
        for (String type : List.of("Appointment", "Encounter", "Condition", "MedicationRequest", "Observation", "CarePlan", "Claim",
                "ClaimResponse", "MedicationDispense")) {
            expected.add("GET /api/v1/fhir/r4/" + type);
            expected.add("GET /api/v1/fhir/r4/" + type + "/{id}");
        }
        assertThat(fhir).containsAll(expected);
        assertThat(api.at("/components/schemas/OperationOutcome/required").toString()).contains("issue");
    }

    @Test
    void securedOperationsNameTheBearerScheme() {
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        for (var op : operations()) {
            op.getValue().path("security").forEach(requirement -> assertThat(requirement.fieldNames().next())
                    .as(op.getKey()).isEqualTo("bearer"));
        }
    }

    @Test
    void aStandardLinterFindsNothing() throws Exception {
        String version = System.getProperty("spectral-cli.version", "6.16.3");
        Assumptions.assumeTrue(onPath("npx"), "SKIPPED OpenAPI lint: node/npx is not installed (the README names Node.js as optional)");
        Path ruleset = Path.of("src", "test", "resources", "spectral.yaml").toAbsolutePath();
        List<String> npx = List.of("npx", "--yes", "--prefer-offline", "--fetch-retries=0", "--update-notifier=false",
                "-p", "@stoplight/spectral-cli@" + version, "--", "spectral");
        Result probe = run(concat(npx, List.of("--version")), 180);
        Assumptions.assumeTrue(probe.status() == 0,
                "SKIPPED OpenAPI lint: @stoplight/spectral-cli@" + version + " could not be fetched: " + probe.output());
        Result lint = run(concat(npx, List.of("lint", "--ruleset", ruleset.toString(), "--fail-severity", "warn",
                "--format", "text", MERGED.toAbsolutePath().toString())), 180);
        assertThat(lint.output()).as("spectral lint of " + MERGED).doesNotContain(" warning ", " error ");
        assertThat(lint.status()).as("spectral exit status; output:%n%s", lint.output()).isZero();
    }

    private record Result(int status, String output) {
    }

    /** Runs a command with its output in a file, so that a command that hangs is stopped at the deadline. */
    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("spectral", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
