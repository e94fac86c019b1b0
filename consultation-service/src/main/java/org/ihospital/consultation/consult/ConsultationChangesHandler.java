package org.ihospital.consultation.consult;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.persistence.PgNotifications;
import org.jboss.logging.Logger;

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

    /** What changed: a new {@code message} (with its id), or the consultation was {@code completed}; {@code heartbeat} keeps proxies from closing the stream. */
    public record Change(String type, UUID consultationId, UUID messageId, Instant at) {
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

    Multi<Change> of(UUID consultation) {
        Multi<Change> heartbeats = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> new Change("heartbeat", consultation, null, Instant.now()));
        return Multi.createBy().merging().streams(changes.filter(c -> consultation.equals(c.consultationId())), heartbeats);
    }
}
