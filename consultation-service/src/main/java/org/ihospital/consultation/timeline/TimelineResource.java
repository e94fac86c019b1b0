package org.ihospital.consultation.timeline;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/prescriptions/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prescriptions")
public class TimelineResource {

    private final TimelineService timeline;
    private final Callers callers;

    public TimelineResource(TimelineService timeline, Callers callers) {
        this.timeline = timeline;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ "patient", "doctor", "pharmacist", "auditor" })
    @Operation(summary = "Every step of the prescription's way (issued, reviewed, claim, order …), once each, in order")
    @APIResponse(responseCode = "200", description = "The steps, oldest first")
    @APIResponse(responseCode = "404", description = "No such prescription, or not the caller's")
    public Uni<List<TimelineService.Step>> timeline(@PathParam("id") UUID id) {
        return timeline.of(callers.current(), id);
    }
}
