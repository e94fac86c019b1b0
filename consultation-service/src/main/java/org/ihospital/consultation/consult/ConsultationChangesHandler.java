package org.ihospital.consultation.consult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.live.Live;
import org.ihospital.commons.persistence.PgNotifications;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Live changes of conversations for server-sent events. Changes are announced with PostgreSQL
 * NOTIFY when their transaction commits, so a client connected to any replica hears of a message
 * sent through any other; each announcement says what changed, and the client reads it with
 * {@code GET …/messages?after=}.
 */
@ApplicationScoped
public class ConsultationChangesHandler {

    private static final Logger LOG = Logger.getLogger(ConsultationChangesHandler.class);

    /**
     * What changed: a new {@code message} (its id and sequence number; without an id, "the conversation
     * has messages up to seq", sent when a stream starts or resumes), or the consultation was
     * {@code completed}; {@code heartbeat} keeps proxies from closing the stream.
     */
    @JsonIgnoreProperties(ignoreUnknown = true) // a replica of another version may announce more
    public record Change(String type, UUID consultationId, UUID messageId, Long seq, Instant at) {

        static final String MESSAGE = "message";
        static final String COMPLETED = "completed";
        static final String HEARTBEAT = "heartbeat";

        boolean completes() {
            return COMPLETED.equals(type);
        }

        /** The SSE id a client resumes from: the message's seq, "completed" for the last event, none for a heartbeat. */
        String eventId() {
            return completes() ? COMPLETED : seq == null ? null : String.valueOf(seq);
        }
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private final PgNotifications notifications;
    private final ObjectMapper json;

    public ConsultationChangesHandler(PgNotifications notifications, ObjectMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        notifications.listen(ConsultationService.CHANNEL, payload -> {
            try {
                changes.onNext(json.readValue(payload, Change.class));
            } catch (Exception e) {
                LOG.warnf("Ignoring an unreadable consultation change: %s", e.toString());
            }
        });
    }

    /**
     * The changes of one conversation from now on, held until the stream is read: the caller subscribes
     * first and reads the conversation's state second, so that nothing committed in between is missed.
     */
    Live.Held<Change> liveFrom(UUID consultation) {
        return liveFrom(changes, consultation);
    }

    /** {@link #liveFrom(UUID)} over any source: the subscription ends with the stream (or with {@code stop}). */
    static Live.Held<Change> liveFrom(Multi<Change> source, UUID consultation) {
        return Live.hold(source, c -> consultation.equals(c.consultationId()));
    }

    /**
     * A stream that starts from the conversation's state (a message event when there are messages the
     * client has not had: after seq {@code lastSeen}), goes on with the live changes and heartbeats, and
     * ends with the completed event.
     */
    static Multi<Change> stream(UUID consultation, long lastSeen, ConsultationService.StreamState state, Multi<Change> live,
            Duration heartbeat) {
        Instant now = Instant.now();
        // an id beyond this conversation (a client mixing up its streams) must not silence the messages to come
        long seen = Math.min(lastSeen, state.lastSeq());
        List<Change> start = new ArrayList<>();
        if (state.lastSeq() > seen) {
            start.add(new Change(Change.MESSAGE, consultation, null, state.lastSeq(), now));
        }
        if (state.completed()) {
            start.add(new Change(Change.COMPLETED, consultation, null, null, now));
        }
        long covered = state.lastSeq();
        Multi<Change> heartbeats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .map(tick -> new Change(Change.HEARTBEAT, consultation, null, null, Instant.now()));
        Multi<Change> after = Multi.createBy().merging().streams(
                live.select().where(c -> !Change.MESSAGE.equals(c.type()) || c.seq() == null || c.seq() > covered), heartbeats);
        return untilCompleted(Multi.createBy().concatenating().streams(Multi.createFrom().iterable(start), after));
    }

    /** Passes changes on up to and including the completed one, then ends (and lets go of the sources). */
    static Multi<Change> untilCompleted(Multi<Change> changes) {
        return Live.until(changes, Change::completes);
    }
}
