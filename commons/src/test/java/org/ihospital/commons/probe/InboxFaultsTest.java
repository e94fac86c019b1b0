package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ihospital.commons.messaging.Inbox;
import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.KafkaProbe;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The inbox under faults: an outage is waited out, never dead-lettered; a dead letter parks the later
 * events of its subject, and a replay applies them after it, in order; applied ids are forgotten in time.
 */
@QuarkusTest
class InboxFaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OPS = "/api/v1/ops/commons-test/dead-letters";

    @Inject
    Inbox inbox;

    @AfterEach
    void heal() {
        NoteSeenHandler.FLAKY.set(0);
        NoteSeenHandler.DOWN_UNTIL.set(0);
        NoteSeenHandler.POISON_FIXED.set(false);
    }

    @Test
    void aShortDatabaseOutageIsWaitedOutNotDeadLettered() {
        try (KafkaProbe dlq = KafkaProbe.tail(NoteResource.TOPIC + ".dlq")) {
            NoteSeenHandler.FLAKY.set(8);
            UUID note = OutboxRelayFaultsTest.createNote("flaky while the database restarts");
            await().atMost(PATIENCE).until(() -> OutboxInboxTest.timesSeen(note) == 1);
            assertThat(NoteSeenHandler.FLAKY.get()).as("tried nine times: failed eight, then applied once").isEqualTo(-1);
            assertThat(dlq.drain(r -> note.toString().equals(r.key()), Duration.ofSeconds(1))).isEmpty();
            assertThat(Database.count("select count(*) from inbox_dead_letter where subject = ?", note.toString())).isZero();
        }
    }

    /**
     * A database failover can take minutes. The Kafka connector closes its consumer for good when a record
     * waits unacknowledged longer than its limit (60 s by default, checked once a minute), so an outage of
     * two minutes would end consumption until a restart. The inbox holds its record for as long as it takes,
     * and the consumer must still be there afterwards.
     */
    @Test
    void anOutageLongerThanTwoMinutesKeepsTheConsumer() {
        try (KafkaProbe dlq = KafkaProbe.tail(NoteResource.TOPIC + ".dlq")) {
            NoteSeenHandler.DOWN_UNTIL.set(System.currentTimeMillis() + Duration.ofSeconds(125).toMillis());
            UUID during = OutboxRelayFaultsTest.createNote("flaky through a long failover");
            await().atMost(Duration.ofSeconds(125).plus(PATIENCE)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> OutboxInboxTest.timesSeen(during) == 1);

            UUID after = OutboxRelayFaultsTest.createNote("written after the failover");
            await().atMost(PATIENCE).until(() -> OutboxInboxTest.timesSeen(after) == 1);
            assertThat(dlq.drain(r -> during.toString().equals(r.key()), Duration.ofSeconds(1))).isEmpty();
            assertThat(Database.count("select count(*) from inbox_dead_letter where subject = ?", during.toString())).isZero();
        }
    }

    @Test
    void laterEventsOfADeadLetteredSubjectWaitAndAReplayAppliesThemInOrder() {
        UUID note = OutboxRelayFaultsTest.createNote("poison until the fix is released");
        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from inbox_dead_letter where subject = ? and resolved_at is null", note.toString()) == 1);
        String deadLetter = Database.rows("select id::text as id from inbox_dead_letter where subject = ?", note.toString())
                .get(0).get("id").toString();

        // a later event of the same subject arrives: parked, not applied out of order
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", "hospital.note.created.v1", "ce_source", "/ihospital/test", "ce_subject", note.toString(),
                "ce_time", Instant.now().toString());
        KafkaProbe.send(NoteResource.TOPIC, note.toString(), "{\"noteId\":\"" + note + "\",\"text\":\"later\"}", headers);
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from inbox_parked where subject = ?", note.toString()) == 1);
        assertThat(OutboxInboxTest.timesSeen(note)).isZero();

        given().header("Authorization", Keycloak.bearer("operator-1")).when().get(OPS)
                .then().statusCode(200).body("find { it.id == '" + deadLetter + "' }.parkedBehind", equalTo(1));
        // replayed while the cause persists: refused, nothing changed
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + deadLetter + "/replay")
                .then().statusCode(409).body("type", equalTo("/problems/replay-failed"));
        assertThat(Database.count("select count(*) from inbox_parked where subject = ?", note.toString())).isEqualTo(1);

        // the fix is released; the operator replays: the dead letter, then what waited behind it
        NoteSeenHandler.POISON_FIXED.set(true);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + deadLetter + "/replay")
                .then().statusCode(200).body("resolution", equalTo("REPLAYED"), "parkedBehind", equalTo(0));
        assertThat(OutboxInboxTest.timesSeen(note)).isEqualTo(2);
        assertThat(NoteSeenHandler.APPLIED.get(note)).containsExactly("poison until the fix is released", "later");
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + deadLetter + "/replay")
                .then().statusCode(409).body("type", equalTo("/problems/dead-letter-resolved"));
    }

    @Test
    void aDiscardedDeadLetterReleasesWhatWaitedBehindIt() {
        UUID note = OutboxRelayFaultsTest.createNote("poison for good");
        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from inbox_dead_letter where subject = ? and resolved_at is null", note.toString()) == 1);
        String deadLetter = Database.rows("select id::text as id from inbox_dead_letter where subject = ?", note.toString())
                .get(0).get("id").toString();
        KafkaProbe.send(NoteResource.TOPIC, note.toString(), "{\"noteId\":\"" + note + "\",\"text\":\"correction\"}",
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "hospital.note.created.v1",
                        "ce_source", "/ihospital/test", "ce_subject", note.toString(), "ce_time", Instant.now().toString()));
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from inbox_parked where subject = ?", note.toString()) == 1);

        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("reason", "the note was withdrawn at the source"))
                .when().post(OPS + "/" + deadLetter + "/discard")
                .then().statusCode(200).body("resolution", equalTo("DISCARDED"));
        assertThat(NoteSeenHandler.APPLIED.get(note)).containsExactly("correction");
        assertThat(Database.count("select count(*) from inbox_parked where subject = ?", note.toString())).isZero();
    }

    @Test
    void appliedEventIdsAreForgottenAfterTheRetention() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Database.execute("insert into inbox_event (consumer, event_id, type, received_at) values ('probe', ?, 't', now() - interval '40 days')", old);
        Database.execute("insert into inbox_event (consumer, event_id, type) values ('probe', ?, 't')", recent);
        inbox.forgetOldEvents().await().atMost(Duration.ofSeconds(10));
        assertThat(Database.count("select count(*) from inbox_event where event_id in (?, ?)", old, recent)).isEqualTo(1);
        assertThat(Database.rows("select event_id from inbox_event where event_id = ?", recent)).hasSize(1);
    }

    @Test
    void aResourceWithoutRolesIsRefusedNotPublic() {
        given().when().get("/probe/forgotten").then().statusCode(401);
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/probe/forgotten").then().statusCode(403);
    }
}
