package org.ihospital.pharmacy.review;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class ReviewResource {

    /** The decision: approve, or reject with the reason; approving over screening findings needs the override reason. */
    public record DecisionRequest(@NotNull Boolean approved, @Size(max = 1000) String reason) {
    }

    private final ReviewService reviews;
    private final Callers callers;

    public ReviewResource(ReviewService reviews, Callers callers) {
        this.reviews = reviews;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ "pharmacist", "operator" })
    @Operation(summary = "Prescriptions in a review status, oldest first (PENDING: the queue, without expired ones), cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "An unknown status or a cursor this API did not return (problem: /problems/invalid-cursor)")
    @APIResponse(responseCode = "403", description = "INVALID (signature did not verify) is for operators only")
    public Uni<ReviewService.ReviewPage> list(@QueryParam("status") @DefaultValue("PENDING") Review.Status status,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return reviews.list(callers.current(), status, cursor, limit);
    }

    @GET
    @Path("/{prescriptionId}")
    @RolesAllowed({ "pharmacist", "operator" })
    @Operation(summary = "One prescription's review: the items as signed, the patient's allergies, the screening findings, the decision")
    @APIResponse(responseCode = "200", description = "The review", content = @Content(schema = @Schema(implementation = ReviewService.ReviewView.class)))
    @APIResponse(responseCode = "404", description = "No review of this prescription")
    public Uni<ReviewService.ReviewView> get(@PathParam("prescriptionId") UUID prescriptionId) {
        return reviews.get(callers.current(), prescriptionId);
    }

    @POST
    @Path("/{prescriptionId}/decision")
    @RolesAllowed("pharmacist")
    @Operation(summary = "Approve or reject a prescription, once; publishes prescription.reviewed")
    @APIResponse(responseCode = "200", description = "Decided", content = @Content(schema = @Schema(implementation = ReviewService.ReviewView.class)))
    @APIResponse(responseCode = "400", description = "A rejection without its reason (field error reason)")
    @APIResponse(responseCode = "404", description = "No review of this prescription")
    @APIResponse(responseCode = "409", description = "Already decided (problem: /problems/review-already-decided), or withdrawn or expired (problem: /problems/review-withdrawn)")
    @APIResponse(responseCode = "422", description = "Approving over screening findings without the override reason (problem: /problems/override-reason-required)")
    public Uni<RestResponse<ReviewService.ReviewView>> decide(@PathParam("prescriptionId") UUID prescriptionId, @Valid @NotNull DecisionRequest body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return reviews.decide(callers.current(), prescriptionId, new Review.Decision(body.approved(), body.reason()), idempotencyKey)
                .map(o -> RestResponse.ResponseBuilder.ok(o.value()).header("Idempotent-Replayed", String.valueOf(o.replayed())).build());
    }
}
