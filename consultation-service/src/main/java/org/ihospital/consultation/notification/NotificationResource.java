package org.ihospital.consultation.notification;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationResource {

    private final NotificationService notifications;
    private final Callers callers;
    public NotificationResource(NotificationService notifications, Callers callers) {
        this.notifications = notifications;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The caller's notifications in the app, newest first",
            description = "Page back with before= the seq of the last one seen.")
    @APIResponse(responseCode = "200", description = "The notifications")
    public Uni<List<NotificationFeedHandler.NotificationView>> list(@QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return notifications.list(callers.current(), before, limit);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The caller's notifications as server-sent events, as they are delivered",
            description = "Events named after the kind (care-alert, critical-reading, refill-due), id: the notification's seq, data: "
                    + "the notification; heartbeat every 15 s (no id). A client that reconnects with Last-Event-ID first gets what it "
                    + "missed (up to 100; the list has the rest).")
    @APIResponse(responseCode = "200", description = "The stream")
    @Blocking
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) throws Throwable {
        return notifications.open(callers.current(), NotificationService.lastSeen(lastEventId), EnumSet.allOf(Notification.Kind.class))
                .map(item -> event(item, sse));
    }

    /** A stream item as a server-sent event: named after its kind, its seq as id; a heartbeat without one. */
    public static OutboundSseEvent event(NotificationFeedHandler.NotificationView item, Sse sse) {
        if (item == NotificationService.HEARTBEAT_ITEM) {
            return sse.newEventBuilder().name("heartbeat").data("{}").build();
        }
        return sse.newEventBuilder().name(item.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')).id(String.valueOf(item.seq()))
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(NotificationFeedHandler.NotificationView.class, item).build();
    }
}
