package org.ihospital.commons.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.ihospital.commons.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every service's OpenAPI document says the same way, so that the gateway's merged document is
 * one contract: stable operation ids a client generator names its methods after ({@code appointmentBook}
 * from {@code AppointmentResource.book}), a description on every operation, every error answer
 * described as RFC 9457 problem details, and the tags declared once. The FHIR views ({@code /api/v1/fhir/})
 * answer in FHIR's own forms instead: their refusals are OperationOutcomes ({@code application/fhir+json}),
 * their answers FHIR resources, both described by the FHIR specification and named here (ADR 0025).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    /** The schemas of the FHIR views' answers (FHIR's own specification defines them; the document names them). */
    public static final String FHIR_RESOURCE = "FhirResource";
    public static final String FHIR_BUNDLE = "FhirBundle";
    public static final String OPERATION_OUTCOME = "OperationOutcome";
    /** Where the FHIR views are served; their errors are OperationOutcomes, not problem details. */
    public static final String FHIR_PATHS = "/api/v1/fhir/";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern CLASS_METHOD = Pattern.compile("(\\w+?)Resource_(\\w+)");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        TreeSet<String> tags = new TreeSet<>();
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            if (api.getPaths().getPathItems().keySet().stream().anyMatch(path -> path.startsWith(FHIR_PATHS))) {
                FhirSchemas.addTo(api.getComponents());
            }
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                name(operation);
                describe(operation, method.name(), path);
                roles(operation);
                if (path.startsWith(FHIR_PATHS)) {
                    refusals(operation, FHIR_JSON, OPERATION_OUTCOME, "Refused (a FHIR OperationOutcome)");
                } else {
                    problems(operation);
                }
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
            }));
        }
        tags.forEach(tag -> {
            if (api.getTags() == null || api.getTags().stream().noneMatch(t -> t.getName().equals(tag))) {
                api.addTag(OASFactory.createTag().name(tag).description(tag + " of the hospital API"));
            }
        });
    }

    /** {@code AppointmentResource_book} (the class-method strategy) becomes {@code appointmentBook}. */
    static void name(Operation operation) {
        if (operation.getOperationId() == null) {
            return;
        }
        Matcher m = CLASS_METHOD.matcher(operation.getOperationId());
        if (m.matches()) {
            String subject = m.group(1);
            String verb = m.group(2);
            operation.setOperationId(subject.substring(0, 1).toLowerCase(Locale.ROOT) + subject.substring(1)
                    + verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1));
        }
    }

    private static void describe(Operation operation, String method, String path) {
        if (operation.getDescription() == null || operation.getDescription().isBlank()) {
            operation.setDescription(operation.getSummary() != null ? operation.getSummary() : method + " " + path);
        }
    }

    /**
     * A bearer scheme has no scopes: the roles SmallRye lists as scopes go into the description instead,
     * where an app developer reads who may call the operation.
     */
    private static void roles(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return;
        }
        TreeSet<String> roles = new TreeSet<>();
        List<SecurityRequirement> plain = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement scopeless = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                if (scopes != null) {
                    roles.addAll(scopes);
                }
                scopeless.addScheme(scheme);
            });
            plain.add(scopeless);
        }
        operation.setSecurity(plain);
        if (!roles.isEmpty() && !operation.getDescription().contains("Roles:")) {
            operation.setDescription(operation.getDescription() + "\n\nRoles: "
                    + (roles.contains("**") ? "any signed-in user" : String.join(", ", roles)) + ".");
        }
    }

    /** Every 4xx and 5xx answer is a problem (application/problem+json), whatever the resource declared. */
    private static void problems(Operation operation) {
        refusals(operation, Problem.MEDIA_TYPE, PROBLEM_SCHEMA, "Refused (problem details)");
    }

    /** Every 4xx and 5xx answer of the operation is a {@code schema} in {@code mediaType}. */
    private static void refusals(Operation operation, String mediaType, String schema, String description) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> e : operation.getResponses().getAPIResponses().entrySet()) {
            APIResponse response = e.getValue();
            if (response.getRef() != null || !(e.getKey().startsWith("4") || e.getKey().startsWith("5"))) {
                continue;
            }
            response.setContent(OASFactory.createContent().addMediaType(mediaType, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema))));
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(description);
            }
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The field or parameter at fault, e.g. items[0].quantity"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What is wrong with it"))
                .addRequired("field").addRequired("message");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; a problem type may add members of its own (e.g. consultationId)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                        .description("Stable per problem: /problems/<slug>"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", text)
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"))
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid")
                        .description("Quote it when you contact support"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
