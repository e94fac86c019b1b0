package org.ihospital.consultation.consult;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ihospital.consultation.consult.ConsultationChangesHandler.Change;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** What a live stream sends, from where the client left off to the completed event. */
class ConversationStreamTest {

    private static final UUID CONSULTATION = UUID.randomUUID();
    private static final Duration RARELY = Duration.ofHours(1);

    private static Change message(long seq) {
        return new Change(Change.MESSAGE, CONSULTATION, UUID.randomUUID(), seq, Instant.EPOCH);
    }

    private static Change completed() {
        return new Change(Change.COMPLETED, CONSULTATION, null, null, Instant.EPOCH);
    }

    private static List<String> ids(Multi<Change> stream) {
        return stream.collect().asList().await().atMost(Duration.ofSeconds(5)).stream().map(Change::eventId).toList();
    }

    @Test
    void aResumingClientFirstHearsOfWhatItMissedThenOnlyWhatIsNew() {
        Multi<Change> live = Multi.createFrom().items(message(4), message(5), message(6), completed(), message(7));
        assertThat(ids(ConsultationChangesHandler.stream(CONSULTATION, 3, new ConsultationService.StreamState(5, false), live, RARELY)))
                .containsExactly("5", "6", "completed");
    }

    @Test
    void aCompletedConversationsStreamCatchesUpAndEnds() {
        Multi<Change> live = Multi.createFrom().nothing();
        assertThat(ids(ConsultationChangesHandler.stream(CONSULTATION, 2, new ConsultationService.StreamState(9, true), live, RARELY)))
                .containsExactly("9", "completed");
        assertThat(ids(ConsultationChangesHandler.stream(CONSULTATION, 9, new ConsultationService.StreamState(9, true), live, RARELY)))
                .containsExactly("completed");
    }

    @Test
    void heartbeatsCarryNoIdSoTheyNeverMoveTheResumePoint() {
        Multi<Change> live = Multi.createFrom().nothing();
        List<Change> first = ConsultationChangesHandler.stream(CONSULTATION, 0, new ConsultationService.StreamState(0, false), live,
                Duration.ofMillis(20)).select().first(2).collect().asList().await().atMost(Duration.ofSeconds(5));
        assertThat(first).extracting(Change::type).containsOnly(Change.HEARTBEAT);
        assertThat(first).extracting(Change::eventId).containsOnlyNulls();
    }

    @Test
    void aStreamLetsGoOfTheLiveChangesWhenItEnds() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        BroadcastProcessor<Change> announced = BroadcastProcessor.create();
        var live = ConsultationChangesHandler.liveFrom(announced.onCancellation().invoke(() -> cancelled.set(true)), CONSULTATION);
        // held until the stream is read: announced before anyone reads, still delivered
        announced.onNext(message(1));
        announced.onNext(new Change(Change.MESSAGE, UUID.randomUUID(), UUID.randomUUID(), 7L, Instant.EPOCH));
        var received = ConsultationChangesHandler.stream(CONSULTATION, 0, new ConsultationService.StreamState(0, false), live.items(),
                RARELY).collect().asList().subscribeAsCompletionStage();
        announced.onNext(completed());
        assertThat(received.get(5, TimeUnit.SECONDS)).extracting(Change::eventId).containsExactly("1", "completed");
        assertThat(cancelled).isTrue();
    }

    @Test
    void changesNobodyReadAreLetGoOfOnStop() {
        AtomicBoolean cancelled = new AtomicBoolean();
        BroadcastProcessor<Change> announced = BroadcastProcessor.create();
        var live = ConsultationChangesHandler.liveFrom(announced.onCancellation().invoke(() -> cancelled.set(true)), CONSULTATION);
        live.stop().run();
        assertThat(cancelled).isTrue();
    }

    @Test
    void anIdBeyondTheConversationDoesNotSilenceItsMessages() {
        Multi<Change> live = Multi.createFrom().items(message(3), completed());
        assertThat(ids(ConsultationChangesHandler.stream(CONSULTATION, 99, new ConsultationService.StreamState(2, false), live, RARELY)))
                .containsExactly("3", "completed");
    }
}
