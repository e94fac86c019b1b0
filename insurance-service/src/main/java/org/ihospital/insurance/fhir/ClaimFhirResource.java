package org.ihospital.insurance.fhir;

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
import org.hl7.fhir.r4.model.Claim;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.insurance.claim.ClaimService;

import io.smallrye.mutiny.Uni;

/** Claims as FHIR R4 Claims, with the rights of the native endpoints (the patient, auditors, operators). */
@Path(Fhir.PATH + "/Claim")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class ClaimFhirResource {

    private final ClaimService claims;
    private final Callers callers;

    public ClaimFhirResource(ClaimService claims, Callers callers) {
        this.claims = claims;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "auditor", "operator" })
    @Operation(summary = "A claim as a FHIR R4 Claim (money in CNY): the rights of GET /claims/{id}")
    @APIResponse(responseCode = "200", description = "The Claim", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such claim, or not the caller's")
    public Uni<Claim> read(@PathParam("id") UUID id) {
        return claims.get(callers.current(), id).map(ClaimMapping::of);
    }

    @GET
    @RolesAllowed({ "patient", "auditor", "operator" })
    @Operation(summary = "A patient's claims, the newest 100: all of them for auditors and operators, a patient's own for a patient")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of Claims", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return claims.ofPatient(callers.current(), PatientSearch.patient(patient), PatientSearch.LIMIT)
                .map(found -> SearchBundle.of(request, found.stream().map(ClaimMapping::of).toList(), found.size() < PatientSearch.LIMIT));
    }
}
