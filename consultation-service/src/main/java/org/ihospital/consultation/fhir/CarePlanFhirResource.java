package org.ihospital.consultation.fhir;

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
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.PatientSearch;
import org.ihospital.commons.fhir.SearchBundle;
import org.ihospital.commons.security.Callers;
import org.ihospital.commons.web.OpenApiConventions;
import org.ihospital.consultation.careplan.CarePlanService;

import io.smallrye.mutiny.Uni;

/** Care plans as FHIR R4 CarePlans, read by whoever reads them natively (the patient, the care team, operators). */
@Path(Fhir.PATH + "/CarePlan")
@Produces({ Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON })
@Tag(name = "FHIR R4")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's roles may not read this type")
public class CarePlanFhirResource {

    private final CarePlanService plans;
    private final Callers callers;

    public CarePlanFhirResource(CarePlanService plans, Callers callers) {
        this.plans = plans;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "A care plan as a FHIR R4 CarePlan (its care team and targets contained): the rights of GET /patients/{id}/care-plans")
    @APIResponse(responseCode = "200", description = "The CarePlan", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_RESOURCE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such care plan, or not of a patient the caller reads")
    public Uni<org.hl7.fhir.r4.model.CarePlan> read(@PathParam("id") UUID id) {
        return plans.get(callers.current(), id).map(CarePlanMapping::of);
    }

    @GET
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "A patient's care plans: the rights of GET /patients/{id}/care-plans")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of CarePlans", content = @Content(mediaType = Fhir.MEDIA_TYPE,
            schema = @Schema(ref = OpenApiConventions.FHIR_BUNDLE)))
    @APIResponse(responseCode = "400", description = "No patient parameter, or not a patient id (Patient/<id> or <id>)")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<Bundle> search(@QueryParam("patient") String patient, @Context UriInfo request) {
        return plans.of(callers.current(), PatientSearch.patient(patient))
                .map(found -> SearchBundle.of(request, found.stream().map(CarePlanMapping::of).toList(), true));
    }
}
