package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The event chain for real: a state change and its outbox row commit together, the relay publishes the
 * row as a CloudEvent on Kafka, and the consumer applies it once through its inbox, however often
 * Kafka delivers it; a message that keeps failing goes to the dead-letter topic without blocking.
 */
@QuarkusTest
class OutboxInboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @AfterEach
    void dropFault() {
        Database.execute("drop trigger if exists fail_mark_published on outbox_event");
    }

    private static UUID createNote(String text) {
        String id = given().header("Authorization", Keycloak.bearer("patient-1")).header("X-Request-Id", requestIdOf(text))
                .contentType(ContentType.JSON).body(Map.of("text", text, "priority", 2))
                .when().post("/probe/notes")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A well-formed request id (a UUID) that names the note it created. */
    private static String requestIdOf(String text) {
        return UUID.nameUUIDFromBytes(("chain-" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static long timesSeen(UUID note) {
        var rows = Database.rows("select times from note_seen where note_id = ?", note);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("times")).longValue();
    }

    @Test
    void stateChangeAndEventCommitTogetherAndArriveAsACloudEvent() throws Exception {
        try (KafkaProbe topic = KafkaProbe.tail(NoteResource.TOPIC)) {
            UUID note = createNote("first");

            ConsumerRecord<String, String> record = topic.await(r -> note.toString().equals(r.key()), PATIENCE);
            assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("hospital.note.created.v1");
            assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo(note.toString());
            assertThat(KafkaProbe.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/ihospital/commons-test");
            assertThat(KafkaProbe.header(record, "ce_requestid")).isEqualTo(requestIdOf("first"));
            String eventId = KafkaProbe.header(record, "ce_id");
            assertThat(UUID.fromString(eventId)).isNotNull();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value()).get("noteId").asText())
                    .isEqualTo(note.toString());

            await().atMost(PATIENCE).until(() -> timesSeen(note) == 1);
            assertThat(Database.count("select count(*) from inbox_event where event_id = ?", UUID.fromString(eventId)))
                    .isEqualTo(1);
            await().atMost(PATIENCE).until(() -> Database.count(
                    "select count(*) from outbox_event where id = ? and published_at is not null", UUID.fromString(eventId)) == 1);
        }
    }

    @Test
    void theRequestsTraceTravelsThroughTheOutboxAndKafkaToTheConsumer() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (KafkaProbe topic = KafkaProbe.tail(NoteResource.TOPIC)) {
            String id = given().header("Authorization", Keycloak.bearer("patient-1"))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType(ContentType.JSON).body(Map.of("text", "traced", "priority", 2))
                    .when().post("/probe/notes")
                    .then().statusCode(201).extract().path("id");
            UUID note = UUID.fromString(id);

            // the row keeps the span that wrote it: the request's trace, a span of this service's own
            String stored = (String) Database.rows("select traceparent from outbox_event where subject = ?", note.toString())
                    .get(0).get("traceparent");
            assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");

            // on the wire: the relay's producer span, child of the stored one, as the CloudEvents extension
            ConsumerRecord<String, String> record = topic.await(r -> note.toString().equals(r.key()), PATIENCE);
            String sent = KafkaProbe.header(record, "ce_traceparent");
            assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(stored);

            // the consumer applied it in a span of the same trace (its own span, not the producer's)
            await().atMost(PATIENCE).until(() -> NoteSeenHandler.TRACES.containsKey(note));
            assertThat(NoteSeenHandler.TRACES.get(note)).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(sent);
        }
    }

    @Test
    void aDuplicateDeliveryChangesStateOnce() {
        try (KafkaProbe topic = KafkaProbe.tail(NoteResource.TOPIC)) {
            UUID note = createNote("twice");
            ConsumerRecord<String, String> record = topic.await(r -> note.toString().equals(r.key()), PATIENCE);
            await().atMost(PATIENCE).until(() -> timesSeen(note) == 1);

            KafkaProbe.redeliver(record);
            KafkaProbe.redeliver(record);

            topic.awaitCount(r -> note.toString().equals(r.key()), 3, PATIENCE);
            // a later event with the same key (so on the same partition, after the duplicates) is applied:
            // the duplicates were consumed before it, and skipped
            KafkaProbe.send(NoteResource.TOPIC, note.toString(), "{\"noteId\":\"" + note + "\",\"text\":\"after-duplicates\"}",
                    Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "hospital.note.created.v1",
                            "ce_source", "/ihospital/test", "ce_subject", note.toString(), "ce_time", java.time.Instant.now().toString()));
            await().atMost(PATIENCE).until(() -> NoteSeenHandler.APPLIED.getOrDefault(note, java.util.List.of()).contains("after-duplicates"));
            assertThat(timesSeen(note)).as("the first delivery and the later event, never the duplicates").isEqualTo(2);
            assertThat(NoteSeenHandler.APPLIED.get(note)).containsExactly("twice", "after-duplicates");
        }
    }

    @Test
    void aRelayThatDiesBetweenPublishAndMarkLosesNothingAndDuplicatesNothing() {
        // Make marking fail after Kafka acknowledged the batch: the relay's transaction rolls back exactly
        // as it would if the process died there, so the rows stay pending and are published again.
        Database.execute("""
                create or replace function fail_mark_published() returns trigger language plpgsql as $$
                begin raise exception 'relay killed between publish and mark'; end $$""");
        Database.execute("""
                create trigger fail_mark_published before update of published_at on outbox_event
                for each row execute function fail_mark_published()""");
        try (KafkaProbe topic = KafkaProbe.tail(NoteResource.TOPIC)) {
            UUID note = createNote("crash");

            topic.awaitCount(r -> note.toString().equals(r.key()), 2, PATIENCE);
            assertThat(Database.count("select count(*) from outbox_event where subject = ? and published_at is null",
                    note.toString())).isEqualTo(1);

            Database.execute("drop trigger fail_mark_published on outbox_event");
            await().atMost(PATIENCE).until(() -> Database.count(
                    "select count(*) from outbox_event where subject = ? and published_at is not null", note.toString()) == 1);
            await().atMost(PATIENCE).until(() -> timesSeen(note) == 1);

            var deliveries = topic.drain(r -> note.toString().equals(r.key()), Duration.ofSeconds(1));
            assertThat(deliveries).as("published, then published again after the failed mark").hasSizeGreaterThanOrEqualTo(2)
                    .extracting(r -> KafkaProbe.header(r, "ce_id")).containsOnly(KafkaProbe.header(deliveries.get(0), "ce_id"));
            assertThat(timesSeen(note)).isEqualTo(1);
            assertThat(Database.count("select count(*) from inbox_event where event_id = ?::uuid",
                    KafkaProbe.header(deliveries.get(0), "ce_id"))).isEqualTo(1);
        }
    }

    @Test
    void aMessageThatKeepsFailingGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        try (KafkaProbe topic = KafkaProbe.tail(NoteResource.TOPIC);
                KafkaProbe dlq = KafkaProbe.tail(NoteResource.TOPIC + ".dlq")) {
            UUID poisoned = createNote("poison pill");
            ConsumerRecord<String, String> dead = dlq.await(r -> poisoned.toString().equals(r.key()), PATIENCE);
            assertThat(KafkaProbe.header(dead, "dead-letter-reason")).contains("cannot apply a poisoned note");
            assertThat(KafkaProbe.header(dead, "ce_id")).isNotBlank();

            // not a CloudEvent at all: straight to the dead-letter topic, no retries
            String key = UUID.randomUUID().toString();
            KafkaProbe.send(NoteResource.TOPIC, key, "{not json", Map.of());
            ConsumerRecord<String, String> garbage = dlq.await(r -> key.equals(r.key()), PATIENCE);
            assertThat(KafkaProbe.header(garbage, "dead-letter-reason")).contains("not a CloudEvent");

            UUID healthy = createNote("healthy");
            topic.await(r -> healthy.toString().equals(r.key()), PATIENCE);
            await().atMost(PATIENCE).until(() -> timesSeen(healthy) == 1);
            assertThat(timesSeen(poisoned)).isZero();
        }
    }
}
