package org.ihospital.insurance.claim;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Claims")
public class QuoteResource {

    public record QuoteItem(@NotBlank @Size(max = 64) String drugCode, @Min(1) @Max(10_000) int quantity) {
    }

    public record QuoteRequest(@NotNull UUID patientId, @NotEmpty @Size(max = 5) List<@Valid @NotNull QuoteItem> items) {
    }

    private final ClaimService claims;

    public QuoteResource(ClaimService claims) {
        this.claims = claims;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "doctor", "pharmacist", "auditor", "operator" })
    @Operation(summary = "What insurance would pay and the patient would pay for these items today, before prescribing; nothing is recorded")
    @APIResponse(responseCode = "200", description = "The split per line and in all", content = @Content(schema = @Schema(implementation = ClaimService.Quote.class)))
    @APIResponse(responseCode = "400", description = "A drug the catalogue does not price, a quantity below 1")
    public Uni<ClaimService.Quote> quote(@Valid @NotNull QuoteRequest body) {
        List<Adjudication.Line> lines = new java.util.ArrayList<>();
        for (QuoteItem item : body.items()) {
            lines.add(new Adjudication.Line(lines.size() + 1, item.drugCode(), item.quantity()));
        }
        return claims.quote(body.patientId(), lines);
    }
}
