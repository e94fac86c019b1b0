package org.ihospital.pharmacy.stock;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

@Path("/api/v1/pharmacies/{id}/stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner pharmacies")
public class StockResource {

    private final StockService stock;
    private final Callers callers;

    public StockResource(StockService stock, Callers callers) {
        this.stock = stock;
        this.callers = callers;
    }

    @PUT
    @RolesAllowed("pharmacy-partner")
    @Operation(summary = "The partner reports its whole stock (drug code → units on its shelves); drugs it leaves out are at zero")
    @APIResponse(responseCode = "200", description = "The stock as recorded, with what is reserved for open orders",
            content = @Content(schema = @Schema(implementation = StockService.StockView.class)))
    @APIResponse(responseCode = "400", description = "An unknown drug code or a negative or absurd quantity (field errors by drug code); nothing changed")
    @APIResponse(responseCode = "404", description = "No such partner, or another partner's")
    public Uni<StockService.StockView> report(@PathParam("id") UUID id, @NotNull @Size(max = 5000) Map<String, Integer> counts) {
        return stock.report(callers.current(), id, counts);
    }

    @GET
    @RolesAllowed({ "pharmacy-partner", "operator" })
    @Operation(summary = "A partner's stock, for the partner itself and operators")
    @APIResponse(responseCode = "200", description = "The stock", content = @Content(schema = @Schema(implementation = StockService.StockView.class)))
    @APIResponse(responseCode = "404", description = "No such partner, or another partner's")
    public Uni<StockService.StockView> get(@PathParam("id") UUID id) {
        return stock.get(callers.current(), id);
    }
}
