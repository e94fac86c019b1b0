package org.ihospital.consultation.careplan;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
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
import org.ihospital.consultation.reading.ReadingTrend;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/patients/{patientId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Care plans")
public class CarePlanResource {

    @Schema(description = "Targets: blood pressure below systolic/diastolic (mmHg), fasting glucose in [fastingFrom, fastingTo] and "
            + "after a meal below afterMealBelow (mmol/L), HbA1c below hba1cBelow (%)")
    public record TargetsBody(@NotNull @Min(90) @Max(180) Integer systolicBelow, @NotNull @Min(50) @Max(120) Integer diastolicBelow,
            @NotNull @DecimalMin("3.0") @DecimalMax("10.0") BigDecimal fastingFrom, @NotNull @DecimalMin("4.0") @DecimalMax("12.0") BigDecimal fastingTo,
            @NotNull @DecimalMin("6.0") @DecimalMax("16.0") BigDecimal afterMealBelow, @NotNull @DecimalMin("5.0") @DecimalMax("10.0") BigDecimal hba1cBelow) {
    }

    @Schema(description = "Critical thresholds: a reading at or past them calls the care team at once")
    public record CriticalBody(@NotNull @Min(140) @Max(250) Integer systolic, @NotNull @Min(90) @Max(150) Integer diastolic,
            @NotNull @DecimalMin("2.0") @DecimalMax("4.4") BigDecimal glucoseLow, @NotNull @DecimalMin("10.0") @DecimalMax("33.0") BigDecimal glucoseHigh) {
    }

    public record PlanBody(@NotNull @Valid TargetsBody targets, @NotNull @Valid CriticalBody critical,
            @NotNull @Min(2) @Max(10) Integer consecutiveAbove, @NotNull @Min(1) @Max(90) Integer readingsEveryDays,
            @NotNull @Min(7) @Max(365) Integer followUpEveryDays, @NotEmpty @Size(max = 20) Set<@NotNull UUID> careTeam) {
    }

    public record PlanView(UUID id, CarePlan.Condition condition, ReadingTrend.Targets targets, CarePlan.Critical critical,
            int consecutiveAbove, int readingsEveryDays, int followUpEveryDays, Set<UUID> careTeam, Instant updatedAt) {
        static PlanView of(CarePlan p) {
            return new PlanView(p.id(), p.condition(), p.targets(), p.critical(), p.consecutiveAbove(), p.readingsEveryDays(),
                    p.followUpEveryDays(), p.careTeam(), p.updatedAt());
        }
    }

    private final CarePlanService plans;
    private final CareAlertService alerts;
    private final Callers callers;

    public CarePlanResource(CarePlanService plans, CareAlertService alerts, Callers callers) {
        this.plans = plans;
        this.alerts = alerts;
        this.callers = callers;
    }

    @PUT
    @Path("/care-plans/{condition}")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Set the patient's care plan for a chronic condition (targets, alert thresholds, cadence, care team)")
    @APIResponse(responseCode = "201", description = "Made", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not on the caller's care team")
    @APIResponse(responseCode = "409", description = "Set by someone else at the same moment (problem: /problems/care-plan-changed-meanwhile)")
    public Uni<RestResponse<PlanView>> set(@PathParam("patientId") UUID patient, @PathParam("condition") CarePlan.Condition condition,
            @Valid @NotNull PlanBody body) {
        var t = body.targets();
        var c = body.critical();
        var terms = new CarePlan.Terms(new ReadingTrend.Targets(t.systolicBelow(), t.diastolicBelow(), t.fastingFrom(), t.fastingTo(),
                t.afterMealBelow(), t.hba1cBelow()), new CarePlan.Critical(c.systolic(), c.diastolic(), c.glucoseLow(), c.glucoseHigh()),
                body.consecutiveAbove(), body.readingsEveryDays(), body.followUpEveryDays(), body.careTeam());
        return plans.set(callers.current(), patient, condition, terms).map(saved -> saved.created()
                ? RestResponse.ResponseBuilder.<PlanView> created(URI.create("/api/v1/patients/" + patient + "/care-plans"))
                        .entity(PlanView.of(saved.plan())).build()
                : RestResponse.ok(PlanView.of(saved.plan())));
    }

    @GET
    @Path("/care-plans")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "The patient's care plans")
    @APIResponse(responseCode = "200", description = "The plans")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<List<PlanView>> list(@PathParam("patientId") UUID patient) {
        return plans.of(callers.current(), patient).map(found -> found.stream().map(PlanView::of).toList());
    }

    @GET
    @Path("/care-alerts")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "A patient's care alerts, open and acknowledged")
    @APIResponse(responseCode = "200", description = "The alerts")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<List<CareAlertResource.AlertView>> alerts(@PathParam("patientId") UUID patient) {
        return alerts.ofPatient(callers.current(), patient).map(found -> found.stream().map(CareAlertResource.AlertView::of).toList());
    }
}
