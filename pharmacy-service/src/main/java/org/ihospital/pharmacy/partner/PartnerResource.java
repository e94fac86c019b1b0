package org.ihospital.pharmacy.partner;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/pharmacies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner pharmacies")
public class PartnerResource {

    /** A partner as an operator registers it. */
    public record NewPartner(@NotBlank @Size(max = 200) String name, @NotBlank @Size(min = 5, max = 64) String licenceNumber,
            @NotEmpty @Size(max = 3500) Set<@NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a 6-digit administrative division code") String> regions,
            @NotNull URI webhookUrl,
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be a Keycloak client id") String clientId) {
    }

    private final PartnerService partners;
    private final Callers callers;

    public PartnerResource(PartnerService partners, Callers callers) {
        this.partners = partners;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Register a partner pharmacy; the answer holds its webhook signing secret, shown this once")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = PartnerService.Registered.class)))
    @APIResponse(responseCode = "400", description = "A missing field, a region that is no division code, a webhook URL that is not https")
    @APIResponse(responseCode = "409", description = "Its licence number or Keycloak client is another partner's (problem: /problems/partner-already-registered)")
    public Uni<RestResponse<PartnerService.Registered>> register(@Valid @NotNull NewPartner body) {
        return partners.register(callers.current(), new Partner.Registration(body.name(), body.licenceNumber(), body.regions(), body.webhookUrl(),
                body.clientId()))
                .map(r -> RestResponse.ResponseBuilder.<PartnerService.Registered> created(URI.create("/api/v1/pharmacies/" + r.partner().id()))
                        .entity(r).header("Cache-Control", "no-store").build());
    }

    @GET
    @RolesAllowed("operator")
    @Operation(summary = "The partner pharmacies in the order they were registered, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    public Uni<PartnerService.PartnerPage> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return partners.list(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "operator", "pharmacy-partner" })
    @Operation(summary = "One partner pharmacy, for operators and for the partner itself")
    @APIResponse(responseCode = "200", description = "The partner", content = @Content(schema = @Schema(implementation = PartnerService.PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner, or another partner's")
    public Uni<PartnerService.PartnerView> get(@PathParam("id") UUID id) {
        return partners.get(callers.current(), id);
    }

    /** The colon is sent as it is (a custom method, as in {@code …/secret:rotate}); an encoded {@code %3A} does not match. */
    @POST
    @Path("/{id}/secret:rotate")
    @RolesAllowed("operator")
    @Operation(summary = "Issue a new webhook signing secret; the previous one keeps signing for the grace period (both signatures meanwhile)")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once", content = @Content(schema = @Schema(implementation = PartnerService.Rotated.class)))
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<RestResponse<PartnerService.Rotated>> rotate(@PathParam("id") UUID id) {
        return partners.rotateSecret(id).map(r -> RestResponse.ResponseBuilder.ok(r).header("Cache-Control", "no-store").build());
    }
}
