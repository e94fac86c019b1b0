package org.ihospital.consultation.consult;

import java.net.URI;
import java.time.Instant;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ihospital.commons.security.Callers;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@Path("/api/v1/consultations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consultations")
public class ConsultationResource {

    public record ConsultationView(UUID id, UUID appointmentId, UUID patientId, UUID doctorId, String status, Instant openedAt,
            Instant completedAt) {
        static ConsultationView of(Consultation c) {
            return new ConsultationView(c.id(), c.appointmentId(), c.patientId(), c.doctorId(), c.status().name(), c.openedAt(),
                    c.completedAt());
        }
    }

    public record ConsultationPage(List<ConsultationView> items,
            @Schema(description = "Pass as cursor for the next page; null on the last") String nextCursor) {
    }

    public record ImageView(UUID id, String mediaType, int sizeBytes, String url) {
    }

    public record MessageView(UUID id, long seq, String sender, String text, Instant sentAt, List<ImageView> images) {
        static MessageView of(Message m, List<ImageInfo> images) {
            return new MessageView(m.id(), m.seq(), m.sender().name(), m.text(), m.sentAt(), images.stream()
                    .filter(i -> i.messageId().equals(m.id()))
                    .map(i -> new ImageView(i.id(), i.mediaType(), i.sizeBytes(),
                            "/api/v1/consultations/" + m.consultationId() + "/images/" + i.id()))
                    .toList());
        }
    }

    public record MessagePage(List<MessageView> messages, Long nextAfter) {
        static MessagePage of(ConsultationService.Conversation c) {
            List<MessageView> views = c.messages().stream().map(m -> MessageView.of(m, c.images())).toList();
            return new MessagePage(views, c.more() ? views.get(views.size() - 1).seq() : null);
        }
    }

    public record TextMessage(@NotBlank @Size(max = MessageDraft.MAX_TEXT) String text) {
    }

    public record NewDiagnosis(@NotBlank @Size(max = 16) String icd10, @Size(max = 2000) String note) {
    }

    public record DiagnosisView(UUID id, String icd10, String note, Instant recordedAt) {
        static DiagnosisView of(Diagnosis d) {
            return new DiagnosisView(d.id(), d.icd10(), d.note(), d.recordedAt());
        }
    }

    private final ConsultationService consultations;
    private final ConsultationChangesHandler stream;
    private final Callers callers;
    private final Vertx vertx;

    public ConsultationResource(ConsultationService consultations, ConsultationChangesHandler stream, Callers callers, Vertx vertx) {
        this.consultations = consultations;
        this.stream = stream;
        this.callers = callers;
        this.vertx = vertx;
    }

    @GET
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The caller's consultations (a patient's own, those a doctor held), newest first, cursor-paginated")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "A cursor this API did not return (problem: /problems/invalid-cursor)")
    public Uni<ConsultationPage> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return consultations.list(callers.current(), cursor, limit)
                .map(page -> new ConsultationPage(page.map(ConsultationView::of), page.next()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "One of the caller's consultations")
    public Uni<ConsultationView> get(@PathParam("id") UUID id) {
        return consultations.get(callers.current(), id).map(ConsultationView::of);
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "Send a text message")
    @APIResponse(responseCode = "201", description = "Sent", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "409", description = "The consultation is completed")
    public Uni<RestResponse<MessageView>> send(@PathParam("id") UUID id, @Valid @NotNull TextMessage body) {
        return consultations.post(callers.current(), id, new MessageDraft(body.text(), List.of())).map(ConsultationResource::created);
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "Send a message with images: form fields 'text' (optional) and up to 9 'image' files, JPEG or PNG, 5 MiB each")
    @APIResponse(responseCode = "201", description = "Sent", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Too many, too large, or not JPEG/PNG by content (problem: /problems/unacceptable-image)")
    public Uni<RestResponse<MessageView>> sendWithImages(@PathParam("id") UUID id, @RestForm("text") String text,
            @RestForm("image") List<FileUpload> uploads) {
        List<FileUpload> files = uploads == null ? List.of() : uploads;
        MessageDraft.requireImageCount(files.size());
        files.forEach(file -> ImageUpload.requireSize(file.fileName(), file.size()));
        return Multi.createFrom().iterable(files)
                .onItem().transformToUniAndConcatenate(file -> vertx.fileSystem().readFile(file.uploadedFile().toString())
                        // decoding takes a while: never on the event loop
                        .chain(buffer -> vertx.executeBlocking(Uni.createFrom().item(() -> ImageUpload.recognise(file.fileName(),
                                buffer.getBytes())), false)))
                .collect().asList()
                .chain(images -> consultations.post(callers.current(), id, new MessageDraft(text, images)))
                .map(ConsultationResource::created);
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The conversation, oldest first; pass nextAfter as 'after' for the next page")
    public Uni<MessagePage> messages(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return consultations.messages(callers.current(), id, after, limit).map(MessagePage::of);
    }

    @GET
    @Path("/{id}/images/{imageId}")
    @Produces({ "image/jpeg", "image/png" })
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "An image of the conversation, as it was sent (JPEG or PNG)")
    @APIResponse(responseCode = "200", description = "The image; never sniffed as anything else, offered under a name of the server's making",
            content = { @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "404", description = "No such image in a consultation of the caller's")
    public Uni<Response> image(@PathParam("id") UUID id, @PathParam("imageId") UUID imageId) {
        return consultations.image(callers.current(), id, imageId)
                .map(image -> Response.ok(image.content(), image.mediaType())
                        .header("Cache-Control", "private, max-age=86400")
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Disposition", "inline; filename=\"" + imageId + (image.mediaType().equals("image/png") ? ".png" : ".jpg") + "\"")
                        .build());
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "Live changes of the conversation as server-sent events",
            description = "Events: message (id: its seq; read it with GET messages?after=), completed (id: completed; the stream "
                    + "then ends), heartbeat (no id). A client that reconnects with Last-Event-ID first hears of what it missed; "
                    + "one that already heard completed gets 204 (stop reconnecting).")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "204", description = "The consultation is completed and the client heard it (Last-Event-ID: completed)")
    @APIResponse(responseCode = "404", description = "No such consultation, or not the caller's")
    @Blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) throws Throwable {
        if (ConsultationChangesHandler.Change.COMPLETED.equals(lastEventId)) {
            // (still only for a participant: anyone else learns nothing, not even that it is over)
            VertxContextSupport.subscribeAndAwait(() -> consultations.get(callers.current(), id));
            throw new StreamOver();
        }
        // subscribed before the state is read; the participant check (a stranger's 404) is part of reading it
        var live = stream.liveFrom(id);
        ConsultationService.StreamState state;
        try {
            state = VertxContextSupport.subscribeAndAwait(() -> consultations.streamState(callers.current(), id));
        } catch (Throwable refused) {
            live.stop().run();
            throw refused;
        }
        return ConsultationChangesHandler.stream(id, lastSeen(lastEventId), state, live.items(), HEARTBEAT)
                .map(change -> {
                    var event = sse.newEventBuilder().name(change.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(ConsultationChangesHandler.Change.class, change);
                    return change.eventId() == null ? event.build() : event.id(change.eventId()).build();
                });
    }

    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(15);

    /** A completed consultation's stream that the client already heard to its end. */
    static final class StreamOver extends RuntimeException {
        StreamOver() {
            super(null, null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response streamOver(StreamOver over) {
        return Response.noContent().build();
    }

    /** The seq the client last heard of (0: none, or an id that is not ours). */
    private static long lastSeen(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @POST
    @Path("/{id}/diagnoses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("doctor")
    @Operation(summary = "Record a diagnosis as an ICD-10 code from the hospital's list")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = DiagnosisView.class)))
    @APIResponse(responseCode = "422", description = "Not an ICD-10 code of the list (problem: /problems/unknown-icd10-code)")
    public Uni<RestResponse<DiagnosisView>> diagnose(@PathParam("id") UUID id, @Valid @NotNull NewDiagnosis body) {
        return consultations.diagnose(callers.current(), id, body.icd10().strip(), body.note())
                .map(d -> RestResponse.ResponseBuilder.<DiagnosisView> created(URI.create("/api/v1/consultations/" + id + "/diagnoses"))
                        .entity(DiagnosisView.of(d)).build());
    }

    @GET
    @Path("/{id}/diagnoses")
    @RolesAllowed({ "patient", "doctor" })
    @Operation(summary = "The consultation's diagnoses, in the order they were recorded")
    public Uni<List<DiagnosisView>> diagnoses(@PathParam("id") UUID id) {
        return consultations.diagnoses(callers.current(), id).map(list -> list.stream().map(DiagnosisView::of).toList());
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed("doctor")
    @Operation(summary = "Complete the consultation (at least one diagnosis); publishes consultation.completed")
    @APIResponse(responseCode = "200", description = "Completed")
    @APIResponse(responseCode = "422", description = "No diagnosis yet (problem: /problems/diagnosis-required)")
    public Uni<ConsultationView> complete(@PathParam("id") UUID id) {
        return consultations.complete(callers.current(), id).map(ConsultationView::of);
    }

    private static RestResponse<MessageView> created(ConsultationService.Conversation sent) {
        Message m = sent.messages().get(0);
        return RestResponse.ResponseBuilder.<MessageView> created(URI.create("/api/v1/consultations/" + m.consultationId()
                + "/messages?after=" + (m.seq() - 1) + "&limit=1")).entity(MessageView.of(m, sent.images())).build();
    }
}
