package org.ihospital.insurance.claim;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    @GET
    @RolesAllowed("patient")
    @Operation(summary = "The caller's own claims, the newest first, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    public Uni<ClaimService.ClaimPage> mine(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return claims.mine(callers.current(), cursor, limit);
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
