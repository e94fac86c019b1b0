package org.ihospital.commons.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The relay under faults: a row Kafka always refuses is recorded, backs off and is parked without
 * stopping any other subject; rows behind it in its subject wait; operators see, retry and discard it;
 * and no relay statement can hang for minutes.
 */
@QuarkusTest
class OutboxRelayFaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OPS = "/api/v1/ops/commons-test/outbox";

    /** An event Kafka always refuses: larger than the producer's max.request.size (1 MiB). */
    static UUID refusedRow(String subject) {
        return row(subject, "x".repeat(1_200_000));
    }

    static UUID row(String subject, String text) {
        UUID id = UUID.randomUUID();
        Database.execute("insert into outbox_event (id, topic, subject, type, payload) values (?, ?, ?, ?, ?::jsonb)", id,
                NoteResource.TOPIC, subject, "hospital.note.created.v1", "{\"noteId\":\"" + subject + "\",\"text\":\"" + text + "\"}");
        return id;
    }

    static boolean published(UUID event) {
        return Database.count("select count(*) from outbox_event where id = ? and published_at is not null", event) == 1;
    }

    static Map<String, Object> state(UUID event) {
        return Database.rows("select attempts, last_error, parked_at, discarded_at from outbox_event where id = ?", event).get(0);
    }

    static UUID createNote(String text) {
        return UUID.fromString(given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("text", text, "priority", 1)).when().post("/probe/notes").then().statusCode(201).extract().path("id"));
    }

    @Test
    void aRowKafkaAlwaysRefusesIsParkedAndOtherSubjectsFlow() {
        String subject = UUID.randomUUID().toString();
        UUID refused = refusedRow(subject);
        UUID behind = row(subject, "written after the refused one");
        UUID healthy = createNote("healthy-next-to-a-refused-row");

        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from outbox_event where subject = ? and published_at is not null", healthy.toString()) == 1);
        await().atMost(PATIENCE).until(() -> state(refused).get("parked_at") != null);
        assertThat(state(refused).get("attempts")).isEqualTo(3);
        assertThat((String) state(refused).get("last_error")).contains("RecordTooLarge");
        assertThat(published(behind)).as("a later row of the same subject waits behind the parked one").isFalse();

        given().header("Authorization", Keycloak.bearer("operator-1")).when().get(OPS)
                .then().statusCode(200).body("id", hasItem(refused.toString()));
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get(OPS).then().statusCode(403);
        await().atMost(PATIENCE).until(() -> metric("hospital_outbox_parked") >= 1);

        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("reason", "payload too large for Kafka; reissued as two events"))
                .when().post(OPS + "/" + refused + "/discard")
                .then().statusCode(200).body("discardedAt", notNullValue(), "discardReason", equalTo(
                        "payload too large for Kafka; reissued as two events"));
        await().atMost(PATIENCE).until(() -> published(behind));
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + refused + "/retry")
                .then().statusCode(409).body("type", equalTo("/problems/outbox-event-not-waiting"));
    }

    @Test
    void anOperatorRetriesAParkedRowFromScratch() {
        UUID refused = refusedRow(UUID.randomUUID().toString());
        await().atMost(PATIENCE).until(() -> state(refused).get("parked_at") != null);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + refused + "/retry").then().statusCode(200).body("attempts", equalTo(0));
        // Kafka refuses it again: three more refusals, parked again
        await().atMost(PATIENCE).until(() -> state(refused).get("parked_at") != null
                && ((Number) state(refused).get("attempts")).intValue() == 3);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("reason", "cleanup")).when().post(OPS + "/" + refused + "/discard").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .when().post(OPS + "/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        given().header("Authorization", Keycloak.bearer("operator-1")).when().get("/api/v1/ops/pharmacy/outbox").then().statusCode(404);
    }

    @Test
    void noRelayStatementWaitsLongerThanItsTimeout() throws Exception {
        var longest = new java.util.concurrent.atomic.AtomicLong();
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table outbox_event in access exclusive mode");
            // watch the relay's waits for 12 s while the table is locked
            await().pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() -> {
                longest.accumulateAndGet(Database.count("""
                        select coalesce(max(extract(epoch from now() - query_start) * 1000), 0)::bigint from pg_stat_activity
                        where datname = current_database() and query like '%from outbox_event o%' and state = 'active'
                          and pid <> pg_backend_pid()"""), Math::max);
                return true;
            });
            blocker.rollback();
        }
        assertThat(longest.get()).as("the relay's select was cancelled by its statement_timeout (5 s)").isPositive().isLessThan(7_000);
        UUID note = createNote("after-a-blocked-outbox");
        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from outbox_event where subject = ? and published_at is not null", note.toString()) == 1);
    }

    private static double metric(String name) {
        String body = given().when().get(ConfigProvider.getConfig().getValue("test.management.url", String.class) + "/metrics")
                .then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
