package org.ihospital.consultation.consult;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.consultation.consult.ConsultationResource.ConsultationView;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** {@code POST /appointments/{id}/consultation}: where a consultation begins. */
@Path("/api/v1/appointments/{appointmentId}/consultation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consultations")
public class ConsultationOpeningResource {

    private final ConsultationService consultations;
    private final Callers callers;

    public ConsultationOpeningResource(ConsultationService consultations, Callers callers) {
        this.consultations = consultations;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("doctor")
    @Operation(summary = "The appointment's doctor opens its online consultation")
    @APIResponse(responseCode = "201", description = "Opened")
    @APIResponse(responseCode = "404", description = "No such appointment, or not the caller's")
    @APIResponse(responseCode = "409", description = "Already opened (problem: /problems/consultation-already-opened, with consultationId)")
    public Uni<RestResponse<ConsultationView>> open(@PathParam("appointmentId") UUID appointmentId) {
        return consultations.open(callers.current(), appointmentId)
                .map(c -> RestResponse.ResponseBuilder.<ConsultationView> created(URI.create("/api/v1/consultations/" + c.id()))
                        .entity(ConsultationView.of(c)).build());
    }

}
