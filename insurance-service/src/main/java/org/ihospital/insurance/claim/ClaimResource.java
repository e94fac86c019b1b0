package org.ihospital.insurance.claim;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import io.smallrye.mutiny.Uni;

@Path("/api/v1/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Claims")
public class ClaimResource {

    private final ClaimService claims;
    private final Callers callers;

    public ClaimResource(ClaimService claims, Callers callers) {
        this.claims = claims;
        this.callers = callers;
    }

    /** An auditor's resolution of a flag. */
    public record Resolution(@NotBlank @Size(max = 1000) String reason) {
    }

    @GET
    @RolesAllowed({ "patient", "auditor" })
    @Operation(summary = "A patient's own claims, the newest first; for auditors (flagged=true) the claims with a flag to resolve, the oldest first")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    @APIResponse(responseCode = "403", description = "flagged=true is for auditors")
    public Uni<ClaimService.ClaimPage> list(@QueryParam("flagged") @DefaultValue("false") boolean flagged, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        var caller = callers.current();
        if (flagged) {
            if (!caller.is(org.ihospital.commons.security.Caller.AUDITOR)) {
                return Uni.createFrom().failure(new jakarta.ws.rs.ForbiddenException());
            }
            return claims.flagged(cursor, limit);
        }
        if (!caller.isPatient()) {
            return Uni.createFrom().failure(new jakarta.ws.rs.ForbiddenException());
        }
        return claims.mine(caller, cursor, limit);
    }

    @POST
    @Path("/{id}/flags/{flagId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "Resolve a cost-control flag with a reason; the last holding flag resolved releases the claim (claim.released)")
    @APIResponse(responseCode = "200", description = "The claim with its flags", content = @Content(schema = @Schema(implementation = ClaimService.ClaimView.class)))
    @APIResponse(responseCode = "404", description = "No such claim or flag")
    @APIResponse(responseCode = "409", description = "Resolved already (problem: /problems/flag-already-resolved)")
    public Uni<ClaimService.ClaimView> resolve(@PathParam("id") UUID id, @PathParam("flagId") UUID flagId, @Valid @NotNull Resolution body) {
        return claims.resolve(callers.current(), id, flagId, body.reason().strip());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "auditor", "operator" })
    @Operation(summary = "One claim with its per-line split: basic insurance, supplementary plan, patient")
    @APIResponse(responseCode = "200", description = "The claim", content = @Content(schema = @Schema(implementation = ClaimService.ClaimView.class)))
    @APIResponse(responseCode = "404", description = "No such claim, or not the caller's")
    public Uni<ClaimService.ClaimView> get(@PathParam("id") UUID id) {
        return claims.get(callers.current(), id);
    }
}
