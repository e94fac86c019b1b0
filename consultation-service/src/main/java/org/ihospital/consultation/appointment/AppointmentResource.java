package org.ihospital.consultation.appointment;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Appointments")
public class AppointmentResource {

    public record NewAppointment(@NotNull UUID slotId, @NotBlank @Size(max = 500) String reason) {
    }

    public record Reschedule(@NotNull UUID slotId) {
    }

    private final AppointmentService appointments;
    private final Callers callers;

    public AppointmentResource(AppointmentService appointments, Callers callers) {
        this.appointments = appointments;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("patient")
    @Operation(summary = "Book a free slot. Send an Idempotency-Key to retry safely")
    @APIResponse(responseCode = "201", description = "Booked (or, for a repeated Idempotency-Key, the first answer)", content = @Content(schema = @Schema(implementation = AppointmentView.class)))
    @APIResponse(responseCode = "404", description = "No such slot")
    @APIResponse(responseCode = "409", description = "The slot is taken or held for someone else (problem: /problems/slot-already-taken)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body (problem: /problems/idempotency-key-reused)")
    public Uni<RestResponse<AppointmentView>> book(@Valid @NotNull NewAppointment body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return appointments.book(callers.current(), new AppointmentService.BookingRequest(body.slotId(), body.reason()), idempotencyKey)
                .map(outcome -> RestResponse.ResponseBuilder.<AppointmentView> created(URI.create("/api/v1/appointments/" + outcome.value().id()))
                        .entity(outcome.value())
                        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                        .build());
    }

    @GET
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The caller's appointments (a patient's own, a doctor's own), by start time, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    public Uni<AppointmentService.AppointmentPage> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return appointments.list(callers.current(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "One of the caller's appointments, with its consultation once opened")
    @APIResponse(responseCode = "200", description = "The appointment")
    @APIResponse(responseCode = "404", description = "No such appointment, or not the caller's")
    public Uni<AppointmentView> get(@PathParam("id") UUID id) {
        return appointments.get(callers.current(), id).map(AppointmentView::of);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "Cancel before the change window closes (2 h before by default); the slot goes to the waitlist")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No such appointment, or not the caller's")
    @APIResponse(responseCode = "409", description = "Too late (problem: /problems/change-window-closed), the consultation has begun (problem: /problems/consultation-underway), or not booked")
    public Uni<AppointmentView> cancel(@PathParam("id") UUID id) {
        return appointments.cancel(callers.current(), id).map(AppointmentView::of);
    }

    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "Move the visit to another free slot of the same doctor, before the change window closes")
    @APIResponse(responseCode = "200", description = "Moved")
    @APIResponse(responseCode = "409", description = "Slot taken, too late, or not booked")
    @APIResponse(responseCode = "422", description = "Another doctor's slot (problem: /problems/reschedule-other-doctor)")
    public Uni<AppointmentView> reschedule(@PathParam("id") UUID id, @Valid @NotNull Reschedule body) {
        return appointments.reschedule(callers.current(), id, body.slotId()).map(AppointmentView::of);
    }

    @POST
    @Path("/{id}/no-show")
    @RolesAllowed("doctor")
    @Operation(summary = "The doctor records that the patient did not come")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "409", description = "The visit has not begun, or is not booked")
    public Uni<AppointmentView> noShow(@PathParam("id") UUID id) {
        return appointments.markNoShow(callers.current(), id).map(AppointmentView::of);
    }
}
