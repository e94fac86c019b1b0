package org.ihospital.pharmacy.order;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrderResource {

    /** Where the parcel goes: the recipient, a mainland mobile number, the address and its division code. */
    public record Address(@NotBlank @Size(max = 50) String recipient,
            @NotNull @Pattern(regexp = "1[3-9][0-9]{9}", message = "must be a mainland mobile number") String phone,
            @NotBlank @Size(max = 200) String line) {
    }

    public record NewOrder(@NotNull UUID prescriptionId, @Valid @NotNull Address deliverTo,
            @NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a 6-digit administrative division code") String region) {
    }

    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(15);

    private final OrderService orders;
    private final OrderStepsHandler steps;
    private final Callers callers;

    public OrderResource(OrderService orders, OrderStepsHandler steps, Callers callers) {
        this.orders = orders;
        this.steps = steps;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("patient")
    @Operation(summary = "Order one's approved prescription for delivery; with nothing to pay it goes to a pharmacy at once")
    @APIResponse(responseCode = "201", description = "Ordered", content = @Content(schema = @Schema(implementation = OrderService.OrderView.class)))
    @APIResponse(responseCode = "404", description = "No approved prescription of the caller's")
    @APIResponse(responseCode = "409", description = "Already ordered (problem: /problems/already-ordered), insurance has not priced it (/problems/claim-pending), or an auditor holds the claim (/problems/claim-on-hold)")
    @APIResponse(responseCode = "422", description = "Expired, or insurance could not price it (problem: /problems/not-orderable)")
    public Uni<RestResponse<OrderService.OrderView>> place(@Valid @NotNull NewOrder body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var request = new OrderService.PlaceRequest(body.prescriptionId(),
                new DeliveryAddress(body.deliverTo().recipient().strip(), body.deliverTo().phone(), body.deliverTo().line().strip(), body.region()));
        return orders.place(callers.current(), request, idempotencyKey)
                .map(o -> RestResponse.ResponseBuilder.<OrderService.OrderView> created(URI.create("/api/v1/orders/" + o.value().id()))
                        .entity(o.value()).header("Idempotent-Replayed", String.valueOf(o.replayed())).build());
    }

    @GET
    @RolesAllowed("patient")
    @Operation(summary = "The caller's orders, the newest first, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    public Uni<OrderService.OrderPage> list(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return orders.list(callers.current(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "operator" })
    @Operation(summary = "One order with its steps")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderService.OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    public Uni<OrderService.OrderView> get(@PathParam("id") UUID id) {
        return orders.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/payment")
    @RolesAllowed("patient")
    @Operation(summary = "Pay one's share through the payment provider; the provider confirms by its callback, and the order then goes to a pharmacy")
    @APIResponse(responseCode = "200", description = "The payment to complete", content = @Content(schema = @Schema(implementation = OrderService.PaymentView.class)))
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @APIResponse(responseCode = "409", description = "Nothing to pay (problem: /problems/order-not-payable)")
    public Uni<OrderService.PaymentView> pay(@PathParam("id") UUID id) {
        return orders.pay(callers.current(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("patient")
    @Operation(summary = "Cancel an order that no pharmacy has yet; a paid one is refunded")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = OrderService.OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @APIResponse(responseCode = "409", description = "A pharmacy has it already (problem: /problems/order-not-cancellable)")
    public Uni<OrderService.OrderView> cancel(@PathParam("id") UUID id) {
        return orders.cancel(callers.current(), id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("patient")
    @Operation(summary = "The order's steps as server-sent events",
            description = "Each step (event name: the step, id: its number, data: step, detail, time); heartbeat events without id; the "
                    + "stream ends after the order's last step (delivered, cancelled, unroutable). Reconnect with Last-Event-ID to hear only what followed.")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "404", description = "No such order, or not the caller's")
    @Blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse)
            throws Throwable {
        var caller = callers.current();
        var live = steps.liveFrom(id);
        OrderService.Steps recorded;
        try {
            recorded = VertxContextSupport.subscribeAndAwait(() -> orders.stepsAfter(caller, id, lastSeen(lastEventId)));
        } catch (Throwable refused) {
            live.stop().run();
            throw refused;
        }
        return OrderStepsHandler.stream(id, recorded, live.items(), HEARTBEAT).map(step -> {
            var event = sse.newEventBuilder().name(step.step()).mediaType(MediaType.APPLICATION_JSON_TYPE).data(Order.StepAnnounced.class, step);
            return step.seq() == 0 ? event.build() : event.id(String.valueOf(step.seq())).build();
        });
    }

    private static int lastSeen(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Math.max(0, Integer.parseInt(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
