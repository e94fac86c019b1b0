package org.ihospital.commons.probe;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.Inbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The consumer side of the probe: counts how often each note.created event was applied. */
@ApplicationScoped
public class NoteSeenHandler {

    private final Inbox inbox;
    private final ObjectMapper json;

    public NoteSeenHandler(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("notes-in")
    public Uni<Void> onNoteEvent(Message<String> message) {
        return inbox.consumeOnce("commons-test.note-seen", message, event -> {
            var created = event.dataAs(json, NoteResource.NoteCreated.class);
            if (created.text().startsWith("poison")) {
                return Uni.createFrom().failure(new IllegalStateException("cannot apply a poisoned note"));
            }
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                    insert into note_seen (note_id, times) values (?1, 1)
                    on conflict (note_id) do update set times = note_seen.times + 1""")
                    .setParameter(1, UUID.fromString(event.subject()))
                    .executeUpdate())
                    .replaceWithVoid();
        });
    }
}
