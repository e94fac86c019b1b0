package org.ihospital.pharmacy.order;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

import io.smallrye.mutiny.Uni;

@Path("/api/v1/partner/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner callbacks")
public class PartnerOrderResource {

    public record StatusReport(@NotNull Order.PartnerStatus status, @Size(min = 1, max = 64) String trackingNumber) {
    }

    private final OrderService orders;
    private final Callers callers;

    public PartnerOrderResource(OrderService orders, Callers callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed("pharmacy-partner")
    @Operation(summary = "A partner pharmacy reports on an order it was sent: ACCEPTED, REJECTED, DISPENSED, SHIPPED (with trackingNumber), DELIVERED",
            description = "Authenticated with the partner's own client-credentials token. Repeating the order's current status is a harmless 200.")
    @APIResponse(responseCode = "200", description = "Recorded (or a repeat)", content = @Content(schema = @Schema(implementation = OrderService.PartnerOrderView.class)))
    @APIResponse(responseCode = "400", description = "An unknown status, or SHIPPED without trackingNumber")
    @APIResponse(responseCode = "404", description = "No such order, or another partner's")
    @APIResponse(responseCode = "409", description = "Out of turn (problem: /problems/illegal-order-transition)")
    public Uni<OrderService.PartnerOrderView> report(@PathParam("id") UUID id, @Valid @NotNull StatusReport body) {
        return orders.partnerReport(callers.current(), id, body.status(), body.trackingNumber());
    }
}
