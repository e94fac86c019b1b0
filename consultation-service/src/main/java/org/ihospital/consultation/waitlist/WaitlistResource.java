package org.ihospital.consultation.waitlist;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/waitlist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Waitlist")
public class WaitlistResource {

    public record JoinRequest(@NotNull UUID doctorId, @NotNull LocalDate day) {
    }

    public record WaitlistView(UUID id, UUID doctorId, LocalDate day, String status, Instant joinedAt, UUID offeredSlotId,
            Instant offerExpiresAt, UUID appointmentId) {
        static WaitlistView of(WaitlistEntry e) {
            return new WaitlistView(e.id(), e.doctorId(), e.day(), e.status().name(), e.joinedAt(), e.offeredSlotId(),
                    e.offerExpiresAt(), e.appointmentId());
        }
    }

    private final WaitlistService waitlist;
    private final Callers callers;

    public WaitlistResource(WaitlistService waitlist, Callers callers) {
        this.waitlist = waitlist;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("patient")
    @Operation(summary = "Join a doctor's waitlist for a fully booked day")
    @APIResponse(responseCode = "201", description = "In the queue", content = @Content(schema = @Schema(implementation = WaitlistView.class)))
    @APIResponse(responseCode = "409", description = "Already waiting, or the day still has free slots")
    public Uni<RestResponse<WaitlistView>> join(@Valid @NotNull JoinRequest body) {
        return waitlist.join(callers.current(), body.doctorId(), body.day())
                .map(e -> RestResponse.ResponseBuilder.<WaitlistView> created(URI.create("/api/v1/waitlist/" + e.id())).entity(WaitlistView.of(e)).build());
    }

    @GET
    @RolesAllowed("patient")
    @Operation(summary = "The caller's live waitlist places, with any slot offered and until when it is held")
    public Uni<List<WaitlistView>> mine() {
        return waitlist.mine(callers.current()).map(list -> list.stream().map(WaitlistView::of).toList());
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed("patient")
    @Operation(summary = "Accept the offered slot while it is held: it is booked for you")
    @APIResponse(responseCode = "200", description = "Booked; appointmentId is set")
    @APIResponse(responseCode = "409", description = "The offer expired or there is none (problems: /problems/offer-expired, /problems/no-offer)")
    public Uni<WaitlistView> accept(@PathParam("id") UUID id) {
        return waitlist.accept(callers.current(), id).map(WaitlistView::of);
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed("patient")
    @Operation(summary = "Decline the offered slot: it is offered to the next in line")
    @APIResponse(responseCode = "200", description = "Declined; the slot passes to the next in line")
    public Uni<WaitlistView> decline(@PathParam("id") UUID id) {
        return waitlist.decline(callers.current(), id).map(WaitlistView::of);
    }

    @POST
    @Path("/{id}/leave")
    @RolesAllowed("patient")
    @Operation(summary = "Leave the waitlist")
    @APIResponse(responseCode = "200", description = "Left the queue")
    public Uni<WaitlistView> leave(@PathParam("id") UUID id) {
        return waitlist.leave(callers.current(), id).map(WaitlistView::of);
    }
}
