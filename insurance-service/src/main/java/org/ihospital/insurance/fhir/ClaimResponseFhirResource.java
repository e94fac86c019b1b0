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
import org.hl7.fhir.r4.model.ClaimResponse;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.insurance.claim.ClaimService;

import io.smallrye.mutiny.Uni;

/** Claims' adjudications as FHIR R4 ClaimResponses (the id of their Claim), with the rights of the native endpoints. */
@Path(Fhir.PATH + "/ClaimResponse")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class ClaimResponseFhirResource {

    private final ClaimService claims;
    private final Callers callers;

    public ClaimResponseFhirResource(ClaimService claims, Callers callers) {
        this.claims = claims;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "auditor", "operator" })
    @Operation(summary = "A claim's adjudication as a FHIR R4 ClaimResponse (the split, in CNY): the rights of GET /claims/{id}")
    @APIResponse(responseCode = "200", description = "The ClaimResponse", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such claim, or not the caller's")
    public Uni<ClaimResponse> read(@PathParam("id") UUID id) {
        return claims.get(callers.current(), id).map(ClaimResponseMapping::of);
    }

    @GET
    @RolesAllowed({ "patient", "auditor", "operator" })
    @Operation(summary = "The adjudications of a patient's claims, the newest 100: all of them for auditors and operators, a patient's own for a patient")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of ClaimResponses", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return claims.ofPatient(callers.current(), PatientSearch.patient(patient), PatientSearch.LIMIT)
                .map(found -> SearchBundle.of(request, found.stream().map(ClaimResponseMapping::of).toList(), found.size() < PatientSearch.LIMIT));
    }
}
