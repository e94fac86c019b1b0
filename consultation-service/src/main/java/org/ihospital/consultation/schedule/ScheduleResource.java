package org.ihospital.consultation.schedule;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/doctors/{doctorId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules and slots")
public class ScheduleResource {

    public record NewScheduleRequest(@NotNull LocalDate day, @NotNull LocalTime start, @NotNull LocalTime end,
            @Min(5) @Max(120) int slotMinutes) {
    }

    public record SlotView(UUID id, Instant startsAt, Instant endsAt, String status) {
        static SlotView of(Slot s) {
            return new SlotView(s.id(), s.startsAt(), s.endsAt(), s.status().name());
        }

        static SlotView of(FreeSlot s) {
            return new SlotView(s.id(), s.startsAt(), s.endsAt(), Slot.Status.OPEN.name());
        }
    }

    public record ScheduleView(UUID id, UUID doctorId, LocalDate day, Instant startsAt, Instant endsAt, int slotMinutes,
            List<SlotView> slots) {
        static ScheduleView of(ScheduleService.PlannedSchedule planned) {
            Schedule s = planned.schedule();
            return new ScheduleView(s.id(), s.doctorId(), s.day(), s.startsAt(), s.endsAt(), s.slotMinutes(),
                    planned.slots().stream().map(SlotView::of).toList());
        }
    }

    private final ScheduleService schedules;
    private final Callers callers;

    public ScheduleResource(ScheduleService schedules, Callers callers) {
        this.schedules = schedules;
        this.callers = callers;
    }

    @POST
    @Path("/schedules")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Plan a day's clinic hours; the service cuts them into slots")
    @APIResponse(responseCode = "201", description = "Planned, with its slots", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "403", description = "Another doctor's hours (problem: /problems/forbidden)")
    @APIResponse(responseCode = "404", description = "No such doctor")
    @APIResponse(responseCode = "409", description = "Overlaps existing slots (problem: /problems/schedule-overlaps)")
    public Uni<RestResponse<ScheduleView>> create(@PathParam("doctorId") UUID doctorId, @Valid @NotNull NewScheduleRequest body) {
        var plan = new ScheduleService.NewSchedule(body.day(), body.start().truncatedTo(ChronoUnit.MINUTES),
                body.end().truncatedTo(ChronoUnit.MINUTES), body.slotMinutes());
        return schedules.create(callers.current(), doctorId, plan).map(ScheduleView::of)
                .map(view -> RestResponse.ResponseBuilder.<ScheduleView> created(URI.create("/api/v1/doctors/" + doctorId
                        + "/slots?from=" + view.day() + "&to=" + view.day())).entity(view).build());
    }

    @GET
    @Path("/slots")
    @RolesAllowed("**")
    @Operation(summary = "The doctor's free slots between two days (inclusive; at most 31 days)")
    @APIResponse(responseCode = "200", description = "Free slots, earliest first")
    public Uni<List<SlotView>> free(@PathParam("doctorId") UUID doctorId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        return schedules.freeSlots(doctorId, from, to).map(list -> list.stream().map(s -> SlotView.of(s)).toList());
    }
}
