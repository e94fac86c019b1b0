package org.ihospital.commons.probe;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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

import org.ihospital.commons.messaging.CloudEventType;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A test-only resource that exercises each commons mechanic through a real Quarkus REST endpoint. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {

    static final String TOPIC = "commons-test.notes";
    private static final Logger LOG = Logger.getLogger(NoteResource.class);

    public record NewNote(@NotBlank @Size(max = 200) String text, @Positive int priority, List<@NotBlank String> tags) {
    }

    public record NoteCreated(UUID noteId, String text) {
    }

    static final class NoteConflict extends ProblemException {
        NoteConflict(String detail) {
            super("note-conflict", 409, "Note conflict", detail);
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("conflictingNote", "n-1");
        }
    }

    private final Outbox outbox;
    private final SecurityIdentity identity;

    public NoteResource(Outbox outbox, SecurityIdentity identity) {
        this.outbox = outbox;
        this.identity = identity;
    }

    @POST
    @Path("/notes")
    @RolesAllowed("**")
    @WithTransaction
    public Uni<RestResponse<Map<String, Object>>> create(@Valid @NotNull NewNote body) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.text = body.text();
        note.priority = body.priority();
        return note.<Note> persist()
                .chain(() -> outbox.append(TOPIC, CloudEventType.of("note.created"), note.id.toString(),
                        new NoteCreated(note.id, note.text)))
                .map(eventId -> RestResponse.ResponseBuilder.<Map<String, Object>> created(URI.create("/probe/notes/" + note.id))
                        .entity(Map.of("id", note.id, "eventId", eventId)).build());
    }

    @GET
    @Path("/notes/{id}")
    @RolesAllowed("**")
    @WithSession
    public Uni<Note> get(@PathParam("id") UUID id) {
        return Note.<Note> findById(id).onItem().ifNull().failWith(() -> new ResourceNotFound("note", id));
    }

    /** The newest notes of at least a priority: typed query parameters. */
    @GET
    @Path("/notes")
    @RolesAllowed("**")
    @WithSession
    public Uni<List<Note>> list(@QueryParam("limit") @DefaultValue("10") int limit,
            @QueryParam("minPriority") @DefaultValue("0") Integer minPriority) {
        return Note.<Note> find("priority >= ?1", minPriority).page(0, limit).list();
    }

    @POST
    @Path("/conflict")
    @RolesAllowed("**")
    public String conflict() {
        throw new NoteConflict("note n-1 is being edited by someone else");
    }

    @GET
    @Path("/boom")
    @RolesAllowed("**")
    public String boom() {
        throw new IllegalStateException("database password is hunter2 for 13812345678");
    }

    @GET
    @Path("/patients-only")
    @RolesAllowed("patient")
    public String patientsOnly() {
        return identity.getPrincipal().getName();
    }

    @GET
    @Path("/log")
    @RolesAllowed("**")
    public String log(@QueryParam("marker") String marker) {
        LOG.infof("%s contact phone 13812345678, id card 11010119900307123X, name=张三丰", marker);
        return marker;
    }
}
