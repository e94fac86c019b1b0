package org.ihospital.consultation.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.consultation.reading.ReadingService;

import io.smallrye.mutiny.Uni;

/** Readings as FHIR R4 Observations, read by whoever reads them natively (the patient, the care team, operators). */
@Path(Fhir.PATH + "/Observation")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class ObservationFhirResource {

    /** Readings of the last year, at most this many, the newest (the native list's own bounds). */
    static final int READINGS = 1000;
    static final Duration YEAR = Duration.ofDays(365);

    private final ReadingService readings;
    private final Clock clock;
    private final Callers callers;

    public ObservationFhirResource(ReadingService readings, Clock clock, Callers callers) {
        this.readings = readings;
        this.clock = clock;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "A reading as a FHIR R4 Observation (LOINC, UCUM; vital-signs profiles): the rights of GET /patients/{id}/readings")
    @APIResponse(responseCode = "200", description = "The Observation", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such reading, or not of a patient the caller reads")
    public Uni<Observation> read(@PathParam("id") UUID id) {
        return readings.get(callers.current(), id).map(ObservationMapping::of);
    }

    @GET
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "A patient's readings of the last year, the newest 1000: the rights of GET /patients/{id}/readings")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of Observations", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        Instant to = clock.instant().plus(Duration.ofHours(1));
        return readings.list(callers.current(), PatientSearch.patient(patient), null, to.minus(YEAR), to, READINGS)
                .map(found -> SearchBundle.of(request, found.stream().map(ObservationMapping::of).toList(), found.size() < READINGS));
    }
}
