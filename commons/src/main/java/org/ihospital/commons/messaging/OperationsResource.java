package org.ihospital.commons.messaging;

import java.util.List;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Callers;

import io.smallrye.mutiny.Uni;

/**
 * The operators' view of this service's messaging, at {@code /api/v1/ops/<service>/…} (the gateway routes
 * {@code ops} by the next segment): parked and failing outbox events, and dead letters of the inbox.
 */
@Path("/api/v1/ops/{service}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OperationsResource {

    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    private final OutboxOperations outbox;
    private final DeadLetters deadLetters;
    private final Callers callers;
    private final String service;

    public OperationsResource(OutboxOperations outbox, DeadLetters deadLetters, Callers callers,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.callers = callers;
        this.service = application.replaceFirst("-service$", "");
    }

    @GET
    @Path("/outbox")
    @RolesAllowed("operator")
    @Operation(summary = "Outbox events Kafka refused: parked ones (parked=true) or every failing one, oldest first")
    public Uni<List<OutboxOperations.OutboxRow>> outbox(@PathParam("service") String svc,
            @QueryParam("parked") @DefaultValue("true") boolean parked, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return mine(svc).chain(() -> outbox.list(parked, limit));
    }

    @POST
    @Path("/outbox/{id}/retry")
    @RolesAllowed("operator")
    @Operation(summary = "Send a parked event again at the next relay pass")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "409", description = "Already published or discarded (problem: /problems/outbox-event-not-waiting)")
    public Uni<OutboxOperations.OutboxRow> retry(@PathParam("service") String svc, @PathParam("id") UUID id) {
        return mine(svc).chain(() -> outbox.retry(id));
    }

    @POST
    @Path("/outbox/{id}/discard")
    @RolesAllowed("operator")
    @Operation(summary = "Give up on an event, with a reason; later events of its subject flow again")
    @APIResponse(responseCode = "200", description = "Discarded")
    @APIResponse(responseCode = "409", description = "Already published or discarded (problem: /problems/outbox-event-not-waiting)")
    public Uni<OutboxOperations.OutboxRow> discard(@PathParam("service") String svc, @PathParam("id") UUID id,
            @Valid @NotNull Reason body) {
        return mine(svc).chain(() -> outbox.discard(id, callers.current().subject(), body.reason()));
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed("operator")
    @Operation(summary = "Events a consumer could not apply, with their error and how many events wait behind each")
    public Uni<List<DeadLetters.DeadLetter>> deadLetters(@PathParam("service") String svc,
            @QueryParam("open") @DefaultValue("true") boolean open, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return mine(svc).chain(() -> deadLetters.list(open, limit));
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    @RolesAllowed("operator")
    @Operation(summary = "Apply a dead letter again, then the events of its subject parked behind it, in order")
    @APIResponse(responseCode = "200", description = "Replayed")
    @APIResponse(responseCode = "409", description = "It failed again, nothing changed (problem: /problems/replay-failed), or already resolved")
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("service") String svc, @PathParam("id") UUID id) {
        return mine(svc).chain(() -> deadLetters.replay(id, callers.current().subject()));
    }

    @POST
    @Path("/dead-letters/{id}/discard")
    @RolesAllowed("operator")
    @Operation(summary = "Give up on a dead letter, with a reason; the events parked behind it are applied in order")
    public Uni<DeadLetters.DeadLetter> discardDeadLetter(@PathParam("service") String svc, @PathParam("id") UUID id,
            @Valid @NotNull Reason body) {
        return mine(svc).chain(() -> deadLetters.discard(id, callers.current().subject(), body.reason()));
    }

    /** Another service's operations are not here. */
    private Uni<Void> mine(String svc) {
        return service.equals(svc) ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ResourceNotFound("service", svc));
    }
}
