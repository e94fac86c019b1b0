package org.ihospital.consultation.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ihospital.commons.persistence.PgNotifications;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Notifications delivered in the apps, as every replica hears them (PostgreSQL LISTEN on
 * {@value #CHANNEL}): the source of the live streams.
 */
@ApplicationScoped
public class NotificationFeedHandler {

    public static final String CHANNEL = "hospital_notification";
    private static final Logger LOG = Logger.getLogger(NotificationFeedHandler.class);

    /** A notification as the apps see it; {@code seq} is the stream's event id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NotificationView(long seq, UUID id, String recipient, Notification.Kind kind, UUID subjectId, String title, String body,
            Instant createdAt) {
        public static NotificationView of(Notification n) {
            return new NotificationView(n.seq(), n.id(), n.recipient(), n.kind(), n.subjectId(), n.title(), n.body(), n.createdAt());
        }
    }

    private final BroadcastProcessor<NotificationView> items = BroadcastProcessor.create();
    private final PgNotifications pg;
    private final ObjectMapper json;

    public NotificationFeedHandler(PgNotifications pg, ObjectMapper json) {
        this.pg = pg;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        pg.listen(CHANNEL, payload -> {
            try {
                items.onNext(json.readValue(payload, NotificationView.class));
            } catch (JsonProcessingException e) {
                LOG.warnf("Ignoring an unreadable notification announcement: %s", e.getOriginalMessage());
            }
        });
    }

    Multi<NotificationView> items() {
        return items;
    }

    /** The announcement of a notification (within PostgreSQL's 8000 bytes: a title of 200 and a body of 2000 characters at most). */
    public String payload(Notification n) {
        try {
            return json.writeValueAsString(NotificationView.of(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
