package org.ihospital.commons.web;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The FHIR views' answers as the API document names them: the FHIR R4 specification defines their content,
 * so these schemas hold the frame a client keys on (resourceType, id; a Bundle's entries; an
 * OperationOutcome's issues) and point to the specification for the rest.
 */
final class FhirSchemas {

    private static final String SPECIFICATION = "https://hl7.org/fhir/R4/";

    private FhirSchemas() {
    }

    static void addTo(Components components) {
        components.addSchema(OpenApiConventions.FHIR_RESOURCE, object("A FHIR R4 resource in FHIR's JSON form; its content is "
                + "the FHIR R4 specification's for its resourceType (" + SPECIFICATION + "resourcelist.html)")
                .addProperty("resourceType", text()).addProperty("id", text()).additionalPropertiesBoolean(Boolean.TRUE)
                .required(List.of("resourceType")));
        Schema entry = object("A match of the search").addProperty("fullUrl", text().format("uri"))
                .addProperty("resource", ref(OpenApiConventions.FHIR_RESOURCE))
                .addProperty("search", object("Why the entry is in the Bundle").addProperty("mode", text()));
        components.addSchema(OpenApiConventions.FHIR_BUNDLE, object("A FHIR R4 searchset Bundle (" + SPECIFICATION + "bundle.html)")
                .addProperty("resourceType", text().enumeration(List.of("Bundle"))).addProperty("type", text())
                .addProperty("total", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("link", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(object("A link of the search")
                        .addProperty("relation", text()).addProperty("url", text().format("uri"))))
                .addProperty("entry", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(entry))
                .additionalPropertiesBoolean(Boolean.TRUE).required(List.of("resourceType", "type")));
        Schema issue = object("What went wrong").addProperty("severity", text().enumeration(List.of("fatal", "error", "warning",
                "information"))).addProperty("code", text().description("FHIR's issue type: invalid, login, forbidden, not-found, …"))
                .addProperty("details", object("The problem's title").addProperty("text", text()))
                .addProperty("diagnostics", text().description("What was wrong, for a person")).required(List.of("severity", "code"));
        components.addSchema(OpenApiConventions.OPERATION_OUTCOME, object("A FHIR R4 OperationOutcome: how the FHIR views refuse ("
                + SPECIFICATION + "operationoutcome.html)").addProperty("resourceType", text().enumeration(List.of("OperationOutcome")))
                .addProperty("issue", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(issue))
                .required(List.of("resourceType", "issue")));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description);
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }
}
