package org.ihospital.insurance.catalogue;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insurance catalogue")
public class CatalogueResource {

    /** How the catalogue classes and prices a drug: class A/B/C, fen per dispensing unit, units per prescription. */
    public record ItemRequest(@NotNull CatalogueClass catalogueClass, @Min(0) @Max(100_000_000) long unitPrice,
            @Min(1) @Max(100_000) int quantityLimit) {
    }

    private final CatalogueService catalogue;
    private final Callers callers;

    public CatalogueResource(CatalogueService catalogue, Callers callers) {
        this.catalogue = catalogue;
        this.callers = callers;
    }

    @PUT
    @Path("/{drugCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Class and price a drug of the dictionary in the insurance catalogue; a change raises its version")
    @APIResponse(responseCode = "200", description = "The item as it is now", content = @Content(schema = @Schema(implementation = CatalogueService.CatalogueView.class)))
    @APIResponse(responseCode = "400", description = "An unknown drug code, a negative price, a limit below 1")
    public Uni<CatalogueService.CatalogueView> put(@PathParam("drugCode") String drugCode, @Valid @NotNull ItemRequest body) {
        return catalogue.put(callers.current(), new CatalogueItem(drugCode, body.catalogueClass(), body.unitPrice(), body.quantityLimit()));
    }

    @GET
    @RolesAllowed({ "operator", "auditor", "doctor", "pharmacist", "patient" })
    @Operation(summary = "The insurance catalogue, by drug code")
    @APIResponse(responseCode = "200", description = "Every item")
    public Uni<List<CatalogueService.CatalogueView>> all() {
        return catalogue.all();
    }

    @GET
    @Path("/{drugCode}")
    @RolesAllowed({ "operator", "auditor", "doctor", "pharmacist", "patient" })
    @Operation(summary = "One drug of the insurance catalogue")
    @APIResponse(responseCode = "200", description = "The item", content = @Content(schema = @Schema(implementation = CatalogueService.CatalogueView.class)))
    @APIResponse(responseCode = "404", description = "Not in the catalogue")
    public Uni<CatalogueService.CatalogueView> get(@PathParam("drugCode") String drugCode) {
        return catalogue.get(drugCode);
    }
}
