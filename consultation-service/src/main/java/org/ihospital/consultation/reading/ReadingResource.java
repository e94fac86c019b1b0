package org.ihospital.consultation.reading;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

@Path("/api/v1/patients/{patientId}/readings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Readings")
public class ReadingResource {

    /** The clinic's days: a period given as dates runs from the first day's midnight to the day after the last, clinic time. */
    private static final ZoneId CLINIC = ZoneId.of("Asia/Shanghai");

    @Schema(description = "A reading: blood pressure (systolic, diastolic, optional pulse; unit mmHg), glucose (value, timing; "
            + "mmol/L or mg/dL), weight (value; kg or lb) or HbA1c (value; % or mmol/mol). A device's reading names the device "
            + "and its own id for the reading: sent again, it is stored once.")
    public record NewReading(@NotNull Measurement.Kind kind, @NotNull Instant measuredAt, @NotBlank @Size(max = 16) String unit,
            BigDecimal value, Integer systolic, Integer diastolic, Integer pulse, Measurement.Timing timing,
            @Size(min = 1, max = 64) String deviceId, @Size(min = 1, max = 128) String deviceReadingId) {
    }

    public record Batch(@NotEmpty @Size(max = 500) List<@Valid @NotNull NewReading> readings) {
    }

    public record RecordedView(List<UUID> stored, int duplicates) {
    }

    public record ReadingView(UUID id, Measurement.Kind kind, Instant measuredAt, String unit, BigDecimal value, Integer systolic,
            Integer diastolic, Integer pulse, Measurement.Timing timing, String deviceId, String deviceReadingId) {
        static ReadingView of(Reading r) {
            Measurement m = r.measurement();
            String unit = switch (r.kind()) {
                case BLOOD_PRESSURE -> "mmHg";
                case GLUCOSE -> "mmol/L";
                case WEIGHT -> "kg";
                case HBA1C -> "%";
            };
            return new ReadingView(r.id(), r.kind(), r.measuredAt(), unit,
                    r.kind() == Measurement.Kind.BLOOD_PRESSURE ? null : m.primary(),
                    m instanceof Measurement.BloodPressure bp ? bp.systolic() : null,
                    m instanceof Measurement.BloodPressure bp ? bp.diastolic() : null,
                    m instanceof Measurement.BloodPressure bp ? bp.pulse() : null,
                    m instanceof Measurement.Glucose g ? g.timing() : null, r.deviceId(), r.deviceReadingId());
        }
    }

    public record TrendView(LocalDate from, LocalDate to, List<ReadingTrend.KindTrend> kinds) {
    }

    private final ReadingService readings;
    private final Callers callers;

    public ReadingResource(ReadingService readings, Callers callers) {
        this.readings = readings;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("patient")
    @Operation(summary = "Report readings (one, or a device's batch of up to 500 with their own times)")
    @APIResponse(responseCode = "201", description = "Stored (a device's readings sent before are counted as duplicates)",
            content = @Content(schema = @Schema(implementation = RecordedView.class)))
    @APIResponse(responseCode = "200", description = "Every reading had been sent before: nothing new stored",
            content = @Content(schema = @Schema(implementation = RecordedView.class)))
    @APIResponse(responseCode = "404", description = "Not the caller's own record")
    @APIResponse(responseCode = "422", description = "A unit of another kind, or a value no person shows (problem: "
            + "/problems/implausible-reading): nothing of the batch is stored")
    public Uni<RestResponse<RecordedView>> record(@PathParam("patientId") UUID patient, @Valid @NotNull Batch batch) {
        List<ReadingService.NewReading> sent = batch.readings().stream().map(r -> new ReadingService.NewReading(r.kind(), r.measuredAt(),
                r.unit(), r.value(), r.systolic(), r.diastolic(), r.pulse(), r.timing(), r.deviceId(), r.deviceReadingId())).toList();
        return readings.record(callers.current(), patient, sent).map(done -> {
            RecordedView view = new RecordedView(done.stored(), done.duplicates());
            return done.stored().isEmpty() ? RestResponse.ok(view)
                    : RestResponse.ResponseBuilder.<RecordedView> created(URI.create("/api/v1/patients/" + patient + "/readings"))
                            .entity(view).build();
        });
    }

    @GET
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "Readings measured in a period (clinic days, at most 366; the last 30 days when not given), newest first")
    @APIResponse(responseCode = "200", description = "The readings")
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<List<ReadingView>> list(@PathParam("patientId") UUID patient, @QueryParam("kind") Measurement.Kind kind,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        LocalDate last = to == null ? LocalDate.now(CLINIC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        return readings.list(callers.current(), patient, kind, start(first), start(last.plusDays(1)), limit)
                .map(found -> found.stream().map(ReadingView::of).toList());
    }

    @GET
    @Path("/summary")
    @RolesAllowed({ "patient", "doctor", "operator" })
    @Operation(summary = "Per kind: readings, average, share within target, and a weekly series to plot (clinic days, at most 366; "
            + "the last 30 days when not given)")
    @APIResponse(responseCode = "200", description = "The trend", content = @Content(schema = @Schema(implementation = TrendView.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not the caller's")
    public Uni<TrendView> summary(@PathParam("patientId") UUID patient, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(CLINIC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        return readings.trend(callers.current(), patient, start(first), start(last.plusDays(1)))
                .map(kinds -> new TrendView(first, last, kinds));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(CLINIC).toInstant();
    }
}
