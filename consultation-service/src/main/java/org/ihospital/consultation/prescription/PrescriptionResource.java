package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/prescriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Prescriptions")
public class PrescriptionResource {

    public record DoseRequest(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 3, fraction = 3) BigDecimal amount,
            @NotNull Dosage.Frequency frequency, @Min(1) @Max(90) int days) {
    }

    public record ItemRequest(@NotBlank @Size(max = 64) String drugCode, @Min(1) @Max(10000) int quantity, @Valid @NotNull DoseRequest dosage,
            @Size(max = 500) String instructions) {
    }

    public record NewPrescription(@NotNull UUID consultationId, @NotEmpty @Size(max = 5) List<@Valid @NotNull ItemRequest> items) {
    }

    public record Renewal(@NotNull UUID consultationId) {
    }

    public record Revocation(@NotBlank @Size(max = 500) String reason) {
    }

    private final PrescriptionService prescriptions;
    private final Callers callers;

    public PrescriptionResource(PrescriptionService prescriptions, Callers callers) {
        this.prescriptions = prescriptions;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("doctor")
    @Operation(summary = "Prescribe for a completed follow-up consultation of one's own patient; signed with the doctor's key")
    @APIResponse(responseCode = "201", description = "Issued, with its signature and expiry", content = @Content(schema = @Schema(implementation = PrescriptionService.PrescriptionView.class)))
    @APIResponse(responseCode = "400", description = "Unknown drug, or zero, negative or absurd amounts (field errors items[i]…)")
    @APIResponse(responseCode = "404", description = "No such consultation of the caller's")
    @APIResponse(responseCode = "409", description = "The consultation is not completed (problem: /problems/consultation-not-completed)")
    @APIResponse(responseCode = "422", description = "Not a follow-up (problem: /problems/first-visit-prescribing)")
    public Uni<RestResponse<PrescriptionService.PrescriptionView>> issue(@Valid @NotNull NewPrescription body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var request = new PrescriptionService.IssueRequest(body.consultationId(), body.items().stream()
                .map(i -> new PrescriptionItem.Requested(i.drugCode(), i.quantity(),
                        new Dosage(i.dosage().amount(), i.dosage().frequency(), i.dosage().days()), i.instructions()))
                .toList());
        return prescriptions.issue(callers.current(), request, idempotencyKey)
                .map(o -> RestResponse.ResponseBuilder.<PrescriptionService.PrescriptionView> created(URI.create("/api/v1/prescriptions/"
                        + o.value().id())).entity(o.value()).header("Idempotent-Replayed", String.valueOf(o.replayed())).build());
    }

    @GET
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The caller's prescriptions (a patient's own, those a doctor wrote), newest first, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    public Uni<PrescriptionService.PrescriptionPage> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return prescriptions.list(callers.current(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor", "pharmacist", "auditor" })
    @Operation(summary = "One prescription, with its items, diagnoses and signature")
    @APIResponse(responseCode = "200", description = "The prescription",
            content = @Content(schema = @Schema(implementation = PrescriptionService.PrescriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such prescription, or not the caller's")
    public Uni<PrescriptionService.PrescriptionView> get(@PathParam("id") UUID id) {
        return prescriptions.get(callers.current(), id);
    }

    @GET
    @Path("/{id}/verification")
    @RolesAllowed({ "patient", "doctor", "pharmacist", "auditor" })
    @Operation(summary = "Check the doctor's signature against the prescription as stored now")
    @APIResponse(responseCode = "200", description = "valid is false when any stored field was altered")
    public Uni<PrescriptionService.Verification> verification(@PathParam("id") UUID id) {
        return prescriptions.verify(callers.current(), id);
    }

    @POST
    @Path("/{id}/renewals")
    @RolesAllowed("doctor")
    @Operation(summary = "Renew a prescription in one step after the follow-up visit: the same medicines, quantities and dosages",
            description = "For a completed consultation of the caller's with the prescription's patient. The renewal is a new "
                    + "prescription (renewalOf: the renewed one), signed with the caller's key, checked against the dictionary and the "
                    + "follow-up rule, then reviewed, adjudicated and delivered like any other; the patient's refill reminder for the "
                    + "renewed one stops. Needs an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = PrescriptionService.PrescriptionView.class)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, or an item the dictionary no longer allows (field errors items[i]…)")
    @APIResponse(responseCode = "404", description = "No such consultation of the caller's, or no such prescription of its patient")
    @APIResponse(responseCode = "409", description = "The consultation is not completed, or the prescription is not dispensed or expired "
            + "(problem: /problems/prescription-not-renewable)")
    @APIResponse(responseCode = "422", description = "Not a follow-up (problem: /problems/first-visit-prescribing)")
    public Uni<RestResponse<PrescriptionService.PrescriptionView>> renew(@PathParam("id") UUID id, @Valid @NotNull Renewal body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return prescriptions.renew(callers.current(), new PrescriptionService.RenewalRequest(id, body.consultationId()), idempotencyKey)
                .map(o -> RestResponse.ResponseBuilder.<PrescriptionService.PrescriptionView> created(URI.create("/api/v1/prescriptions/"
                        + o.value().id())).entity(o.value()).header("Idempotent-Replayed", String.valueOf(o.replayed())).build());
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed("doctor")
    @Operation(summary = "The prescribing doctor asks to withdraw the prescription; pharmacy, which decides dispensing, confirms or refuses",
            description = "The answer is 202 with status REVOCATION_REQUESTED. The outcome follows on the timeline: revocation.confirmed "
                    + "then prescription.revoked (nothing will be dispensed), or revocation.refused (it was dispensed already).")
    @APIResponse(responseCode = "202", description = "Revocation requested", content = @Content(schema = @Schema(implementation = PrescriptionService.PrescriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such prescription of the caller's")
    @APIResponse(responseCode = "409", description = "Dispensed, expired, revoked or with a revocation pending (problem: /problems/prescription-not-revocable)")
    public Uni<RestResponse<PrescriptionService.PrescriptionView>> revoke(@PathParam("id") UUID id, @Valid @NotNull Revocation body) {
        return prescriptions.revoke(callers.current(), id, body.reason())
                .map(v -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, v).build());
    }
}
