package org.ihospital.pharmacy.webhook;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

@Path("/api/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @RolesAllowed("operator")
    @Operation(summary = "Webhook deliveries: those that failed for good (failed=true, the most recent failure first), or all of one partner's")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "Neither failed=true nor a partnerId, or a cursor this API did not return")
    public Uni<WebhookService.DeliveryPage> list(@QueryParam("failed") @DefaultValue("false") boolean failed, @QueryParam("partnerId") UUID partnerId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        if (failed) {
            return webhooks.failed(partnerId, cursor, limit);
        }
        if (partnerId == null) {
            return Uni.createFrom().failure(new WebhookProblems.ListNeedsAFilter());
        }
        return webhooks.ofPartner(null, partnerId, cursor, limit);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed("operator")
    @Operation(summary = "Send a failed (or delivered) webhook again, with its webhook-id, from a fresh retry schedule")
    @APIResponse(responseCode = "202", description = "Queued again", content = @Content(schema = @Schema(implementation = WebhookService.DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "It is still being tried (problem: /problems/webhook-still-pending)")
    public Uni<RestResponse<WebhookService.DeliveryView>> replay(@PathParam("id") UUID id) {
        return webhooks.replay(id).map(v -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, v).build());
    }

    /** A partner's own deliveries and its test webhook. */
    @Path("/api/v1/pharmacies/{id}/webhook-deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Webhooks")
    public static class OfPartnerResource {

        private final WebhookService webhooks;
        private final Callers callers;

        public OfPartnerResource(WebhookService webhooks, Callers callers) {
            this.webhooks = webhooks;
            this.callers = callers;
        }

        @GET
        @RolesAllowed({ "operator", "pharmacy-partner" })
        @Operation(summary = "The webhooks sent to one partner, the most recent first: for the partner itself and operators")
        @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
        @APIResponse(responseCode = "404", description = "No such partner, or another partner's")
        public Uni<WebhookService.DeliveryPage> list(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
            return webhooks.ofPartner(callers.current(), id, cursor, limit);
        }

        @POST
        @Path("/ping")
        @RolesAllowed({ "operator", "pharmacy-partner" })
        @Operation(summary = "Queue a test webhook (type ping) to the partner, to check its endpoint and signature check")
        @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = WebhookService.DeliveryView.class)))
        @APIResponse(responseCode = "404", description = "No such partner, or another partner's")
        public Uni<RestResponse<WebhookService.DeliveryView>> ping(@PathParam("id") UUID id) {
            return webhooks.ping(callers.current(), id).map(v -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, v).build());
        }
    }
}
