package org.ihospital.consultation.careplan;

import java.time.Instant;
import java.util.EnumSet;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationResource;
import org.ihospital.consultation.notification.NotificationService;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Care alerts")
public class CareAlertResource {

    public record Acknowledgement(@NotBlank @Size(max = 2000) String note) {
    }

    public record AlertView(UUID id, UUID patientId, UUID planId, CareAlert.Rule rule, String detail, Instant raisedAt,
            Instant acknowledgedAt, String acknowledgedBy, String note) {
        public static AlertView of(CareAlert a) {
            return new AlertView(a.id(), a.patientId(), a.planId(), a.rule(), a.detail(), a.raisedAt(), a.acknowledgedAt(),
                    a.acknowledgedBy(), a.note());
        }
    }

    private final CareAlertService alerts;
    private final Callers callers;
    private final NotificationService notifications;

    public CareAlertResource(CareAlertService alerts, Callers callers, NotificationService notifications) {
        this.notifications = notifications;
        this.alerts = alerts;
        this.callers = callers;
    }

    @GET
    @Path("/care-alerts")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "The caller's queue: open alerts of the plans they are on the care team of (operators: all), oldest first")
    @APIResponse(responseCode = "200", description = "The open alerts")
    public Uni<List<AlertView>> queue(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return alerts.queue(callers.current(), limit).map(found -> found.stream().map(AlertView::of).toList());
    }

    @GET
    @Path("/care-alerts/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("doctor")
    @Operation(summary = "The caller's queue, live: each alert raised on a plan whose care team the caller is on, as a server-sent event",
            description = "Events care-alert (id: the notification's seq; data: the notification, subjectId = the alert's id) and heartbeat "
                    + "every 15 s (no id). A client that reconnects with Last-Event-ID first gets what it missed. The queue itself is "
                    + "GET /care-alerts.")
    @APIResponse(responseCode = "200", description = "The stream")
    @Blocking
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) throws Throwable {
        return notifications.open(callers.current(), NotificationService.lastSeen(lastEventId), EnumSet.of(Notification.Kind.CARE_ALERT))
                .map(item -> NotificationResource.event(item, sse));
    }

    @POST
    @Path("/care-alerts/{id}/acknowledge")
    @RolesAllowed({ "doctor", "operator" })
    @Operation(summary = "Acknowledge an alert with what was done")
    @APIResponse(responseCode = "200", description = "Acknowledged")
    @APIResponse(responseCode = "404", description = "No such alert, or not of the caller's care team")
    @APIResponse(responseCode = "409", description = "Acknowledged already (problem: /problems/alert-already-acknowledged)")
    public Uni<AlertView> acknowledge(@PathParam("id") UUID id, @Valid @NotNull Acknowledgement body) {
        return alerts.acknowledge(callers.current(), id, body.note()).map(AlertView::of);
    }
}
