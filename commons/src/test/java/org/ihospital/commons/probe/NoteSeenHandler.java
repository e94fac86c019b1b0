package org.ihospital.commons.probe;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ihospital.commons.messaging.InboundEvent;
import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.messaging.InboxConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The consumer side of the probe: counts how often each note.created event was applied. */
@ApplicationScoped
public class NoteSeenHandler implements InboxConsumer {

    private final Inbox inbox;
    private final ObjectMapper json;

    public NoteSeenHandler(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("notes-in")
    public Uni<Void> onNoteEvent(Message<String> message) {
        return inbox.consume(this, message);
    }

    @Override
    public String name() {
        return "commons-test.note-seen";
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        var created = event.dataAs(json, NoteResource.NoteCreated.class);
        if (created.text().startsWith("poison") && !POISON_FIXED.get()) {
            return Uni.createFrom().failure(new IllegalStateException("cannot apply a poisoned note"));
        }
        APPLIED.computeIfAbsent(UUID.fromString(event.subject()), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(created.text());
        String trace = org.ihospital.commons.tracing.Traces.current();
        if (trace != null) {
            TRACES.put(UUID.fromString(event.subject()), trace);
        }
        if (created.text().startsWith("flaky") && (FLAKY.getAndDecrement() > 0 || System.currentTimeMillis() < DOWN_UNTIL.get())) {
            // what a short database outage looks like to a consumer
            return Uni.createFrom().failure(new java.net.ConnectException("Connection refused: the database is restarting"));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into note_seen (note_id, times) values (?1, 1)
                on conflict (note_id) do update set times = note_seen.times + 1""")
                .setParameter(1, UUID.fromString(event.subject()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** A new release that can apply poisoned notes (for replaying dead letters). */
    static final java.util.concurrent.atomic.AtomicBoolean POISON_FIXED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The texts applied per note, in the order they were applied. */
    static final java.util.Map<UUID, java.util.List<String>> APPLIED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The trace each note's event was applied in (the consumer's span). */
    static final java.util.Map<UUID, String> TRACES = new java.util.concurrent.ConcurrentHashMap<>();

    /** How many more times a "flaky" note fails as if the database were unreachable. */
    static final java.util.concurrent.atomic.AtomicInteger FLAKY = new java.util.concurrent.atomic.AtomicInteger();

    /** Until when (epoch milliseconds) a "flaky" note fails as if the database were unreachable. */
    static final java.util.concurrent.atomic.AtomicLong DOWN_UNTIL = new java.util.concurrent.atomic.AtomicLong();
}
