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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Operation(operationId = "consultationOpen", summary = "The appointment's doctor opens its online consultation",
            description = "Opening it again answers with the same consultation (200), whether it is open or completed.")
    @APIResponse(responseCode = "201", description = "Opened", content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "200", description = "Opened before: the same consultation")
    @APIResponse(responseCode = "404", description = "No such appointment, or not the caller's")
    @APIResponse(responseCode = "409", description = "The appointment was cancelled or missed (problem: /problems/appointment-not-booked)")
    public Uni<RestResponse<ConsultationView>> open(@PathParam("appointmentId") UUID appointmentId) {
        return consultations.open(callers.current(), appointmentId).map(opening -> {
            URI location = URI.create("/api/v1/consultations/" + opening.consultation().id());
            ConsultationView view = ConsultationView.of(opening.consultation());
            return opening.opened()
                    ? RestResponse.ResponseBuilder.<ConsultationView> created(location).entity(view).build()
                    : RestResponse.ResponseBuilder.<ConsultationView> ok(view).location(location).build();
        });
    }

}
