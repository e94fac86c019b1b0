package org.ihospital.consultation.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.live.Live;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.infrastructure.ConsultationConfig;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The notifier: tells a person something through every channel their audience is reached by (settings
 * {@code hospital.consultation.notifications.patient-channels}, {@code …clinician-channels}); and a
 * person's notifications, listed and as a live stream that resumes where the client left off.
 */
@ApplicationScoped
public class NotificationService {

    /** How many notifications a resuming stream catches up with at most (older ones are in the list). */
    static final int CATCH_UP = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final NotificationRepository notifications;
    private final NotificationFeedHandler feed;
    private final Clock clock;
    private final List<String> patientChannels;
    private final List<String> clinicianChannels;

    public NotificationService(NotificationRepository notifications, NotificationFeedHandler feed, Clock clock, ConsultationConfig config) {
        this.notifications = notifications;
        this.feed = feed;
        this.clock = clock;
        this.patientChannels = List.copyOf(config.notifications().patientChannels());
        this.clinicianChannels = List.copyOf(config.notifications().clinicianChannels());
    }

    /**
     * Writes the notification and one delivery per channel, in the caller's transaction: with its cause or
     * not at all (an outbox); the delivery service sends them once that transaction has committed.
     */
    public Uni<Void> send(Notification.Note note) {
        var now = clock.instant();
        Notification notification = Notification.of(note, now);
        List<String> channels = note.audience() == Notification.Audience.PATIENT ? patientChannels : clinicianChannels;
        return Panache.getSession().chain(s -> s.persist(notification)
                .chain(() -> s.persistAll(channels.stream().map(c -> NotificationDelivery.of(notification, c, now)).toArray())));
    }

    /** Every channel name a setting asks for. */
    List<String> channelsAskedFor() {
        return Stream.concat(patientChannels.stream(), clinicianChannels.stream()).distinct().toList();
    }

    /** The caller's notifications, newest first, before sequence number {@code before} (null: the newest). */
    @WithSession
    public Uni<List<NotificationFeedHandler.NotificationView>> list(Caller caller, Long before, int limit) {
        return notifications.inAppBefore(caller.subject(), before == null ? Long.MAX_VALUE : before, limit)
                .map(found -> found.stream().map(NotificationFeedHandler.NotificationView::of).toList());
    }

    /**
     * The caller's live stream of the given kinds: subscribed to the announcements first, what was missed after
     * {@code lastSeen} read second (nothing without one: a new stream starts now), so nothing committed in
     * between is lost; heartbeats are {@link #HEARTBEAT_ITEM}. Blocks while it reads: call on a worker thread.
     */
    public Multi<NotificationFeedHandler.NotificationView> open(Caller caller, Long lastSeen, Set<Notification.Kind> kinds) throws Throwable {
        String me = caller.subject();
        var live = Live.hold(feed.items(), item -> me.equals(item.recipient()) && kinds.contains(item.kind()));
        List<NotificationFeedHandler.NotificationView> missed;
        try {
            missed = lastSeen == null ? List.of() : VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> notifications.inAppAfter(me, lastSeen, CATCH_UP)))
                    .stream().map(NotificationFeedHandler.NotificationView::of).filter(i -> kinds.contains(i.kind())).toList();
        } catch (Throwable failed) {
            live.stop().run();
            throw failed;
        }
        return stream(missed, lastSeen, live.items(), HEARTBEAT);
    }

    /** A heartbeat as a stream item: no id, so it never moves the point a client resumes from. */
    public static final NotificationFeedHandler.NotificationView HEARTBEAT_ITEM = new NotificationFeedHandler.NotificationView(-1, null, null, null, null, null,
            null, null);

    /** What was missed, then the live announcements not covered by it, with heartbeats; it ends when the client goes. */
    static Multi<NotificationFeedHandler.NotificationView> stream(List<NotificationFeedHandler.NotificationView> missed, Long lastSeen,
            Multi<NotificationFeedHandler.NotificationView> live, Duration heartbeat) {
        long covered = missed.isEmpty() ? (lastSeen == null ? Long.MIN_VALUE : lastSeen) : missed.get(missed.size() - 1).seq();
        Multi<NotificationFeedHandler.NotificationView> heartbeats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .map(tick -> HEARTBEAT_ITEM);
        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(missed),
                Multi.createBy().merging().streams(live.select().where(i -> i.seq() > covered), heartbeats));
    }

    /** The seq a client last had; anything else (none, or not ours) starts a fresh stream. */
    public static Long lastSeen(String lastEventId) {
        if (lastEventId == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            return seq >= 0 ? seq : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
