package org.ihospital.insurance.policy;

import java.net.URI;
import java.time.LocalDate;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies and coverage")
public class PolicyResource {

    /** A supplementary plan's terms: its ratio of what basic left to the patient (basis points), its cap (fen), class C or not. */
    public record SupplementaryRequest(@Min(0) @Max(10_000) int reimbursement, @Min(0) long annualCap, boolean coversClassC) {
    }

    /** A policy: money in fen, ratios in basis points (10,000 = 100 %), its period. */
    public record NewPolicy(@NotBlank @Size(max = 200) String name, @Min(0) long deductible, @Min(0) long annualCap,
            @Min(0) @Max(10_000) int classBSelfPay, @Min(0) @Max(10_000) int reimbursement, @Valid SupplementaryRequest supplementary,
            @NotNull LocalDate validFrom, @NotNull LocalDate validUntil) {
    }

    public record CoverageRequest(@NotNull UUID policyId, @NotNull LocalDate validFrom, @NotNull LocalDate validUntil) {
    }

    private final PolicyService policies;
    private final Callers callers;

    public PolicyResource(PolicyService policies, Callers callers) {
        this.policies = policies;
        this.callers = callers;
    }

    @POST
    @Path("/policies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Create an insurance policy: deductible, annual cap, class B self-pay, reimbursement, an optional supplementary plan, its period")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PolicyService.PolicyView.class)))
    @APIResponse(responseCode = "400", description = "Negative money, a ratio outside 0–10,000, a period that ends before it starts")
    public Uni<RestResponse<PolicyService.PolicyView>> create(@Valid @NotNull NewPolicy body) {
        var plan = body.supplementary() == null ? null
                : new Benefits.Supplementary(body.supplementary().reimbursement(), body.supplementary().annualCap(), body.supplementary().coversClassC());
        return policies.create(callers.current(), body.name().strip(),
                new Benefits(body.deductible(), body.annualCap(), body.classBSelfPay(), body.reimbursement(), plan), body.validFrom(), body.validUntil())
                .map(p -> RestResponse.ResponseBuilder.<PolicyService.PolicyView> created(URI.create("/api/v1/policies/" + p.id())).entity(p).build());
    }

    @GET
    @Path("/policies/{id}")
    @RolesAllowed({ "operator", "auditor" })
    @Operation(summary = "One policy")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(schema = @Schema(implementation = PolicyService.PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such policy")
    public Uni<PolicyService.PolicyView> get(@PathParam("id") UUID id) {
        return policies.get(id);
    }

    @PUT
    @Path("/coverages/{patientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Cover a patient by a policy for a period (within the policy's)")
    @APIResponse(responseCode = "200", description = "Covered", content = @Content(schema = @Schema(implementation = PolicyService.CoverageView.class)))
    @APIResponse(responseCode = "400", description = "A period that ends before it starts or lies outside the policy's")
    @APIResponse(responseCode = "404", description = "No such policy")
    @APIResponse(responseCode = "409", description = "Another coverage of the patient overlaps the period (problem: /problems/coverage-overlaps)")
    public Uni<PolicyService.CoverageView> cover(@PathParam("patientId") UUID patientId, @Valid @NotNull CoverageRequest body) {
        return policies.cover(callers.current(), patientId, body.policyId(), body.validFrom(), body.validUntil());
    }

    @GET
    @Path("/coverages/{patientId}")
    @RolesAllowed({ "operator", "auditor" })
    @Operation(summary = "A patient's coverages, in time order")
    @APIResponse(responseCode = "200", description = "Every coverage of the patient")
    public Uni<List<PolicyService.CoverageView>> coverages(@PathParam("patientId") UUID patientId) {
        return policies.coveragesOf(patientId);
    }
}
