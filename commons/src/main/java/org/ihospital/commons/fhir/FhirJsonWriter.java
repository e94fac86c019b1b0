package org.ihospital.commons.fhir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import org.hl7.fhir.instance.model.api.IBaseResource;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Writes HAPI's resources as FHIR JSON, with HAPI's own parser (never Jackson, which knows nothing of
 * FHIR's rules for primitives, extensions and choice types). Also for {@code Accept: application/json},
 * which FHIR servers honour with the same body.
 */
@Provider
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@IfBuildProperty(name = Fhir.ENABLED, stringValue = "true")
public class FhirJsonWriter implements MessageBodyWriter<IBaseResource> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(IBaseResource resource, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Fhir.json().encodeResourceToWriter(resource, writer);
        writer.flush();
    }
}
