package org.ihospital.consultation.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;

/** A failing channel is tried again later and then given up; a live stream resumes where its client left off. */
class NotificationDeliveryTest {

    private static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");

    private static Notification note() {
        return Notification.of(new Notification.Note("account", Notification.Audience.PATIENT, Notification.Kind.REFILL_DUE, UUID.randomUUID(),
                "title", "body"), NOW);
    }

    @Test
    void aFailedDeliveryWaitsLongerEachTimeAndIsGivenUpAfterTheLastAttempt() {
        NotificationDelivery d = NotificationDelivery.of(note(), "sms", NOW);
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            d.failed("provider down", NOW, 6);
            waits.add(Duration.between(NOW, d.nextAttemptAt()));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16));
        assertThat(d.status()).isEqualTo(NotificationDelivery.Status.PENDING);
        d.failed("provider down", NOW, 6);
        assertThat(d.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(d.attempts()).isEqualTo(6);
    }

    @Test
    void theWaitNeverExceedsAnHour() {
        NotificationDelivery d = NotificationDelivery.of(note(), "push", NOW);
        for (int i = 0; i < 20; i++) {
            d.failed("x".repeat(800), NOW, 100);
        }
        assertThat(Duration.between(NOW, d.nextAttemptAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aNoteThatIsTooLongForTheAnnouncementIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Notification.Note("a", Notification.Audience.PATIENT,
                Notification.Kind.REFILL_DUE, UUID.randomUUID(), "t", "b".repeat(2001))).isInstanceOf(IllegalArgumentException.class);
    }

    private static NotificationFeedHandler.NotificationView item(long seq) {
        return new NotificationFeedHandler.NotificationView(seq, UUID.randomUUID(), "account", Notification.Kind.CARE_ALERT, UUID.randomUUID(), "t", "b",
                NOW.atOffset(ZoneOffset.UTC).toInstant());
    }

    @Test
    void aResumedStreamSendsWhatWasMissedThenOnlyWhatIsNew() {
        Multi<NotificationFeedHandler.NotificationView> live = Multi.createFrom().items(item(5), item(6), item(7));
        List<Long> seqs = NotificationService.stream(List.of(item(5), item(6)), 4L, live, Duration.ofHours(1)).select().first(3)
                .map(NotificationFeedHandler.NotificationView::seq).collect().asList().await().atMost(Duration.ofSeconds(5));
        assertThat(seqs).containsExactly(5L, 6L, 7L);
    }

    @Test
    void aNewStreamSendsOnlyWhatIsNew() {
        Multi<NotificationFeedHandler.NotificationView> live = Multi.createFrom().items(item(3), item(4));
        List<Long> seqs = NotificationService.stream(List.of(), null, live, Duration.ofHours(1)).select().first(2)
                .map(NotificationFeedHandler.NotificationView::seq).collect().asList().await().atMost(Duration.ofSeconds(5));
        assertThat(seqs).containsExactly(3L, 4L);
        assertThat(NotificationService.lastSeen("12")).isEqualTo(12L);
        assertThat(NotificationService.lastSeen("completed")).isNull();
        assertThat(NotificationService.lastSeen("-3")).isNull();
    }
}
