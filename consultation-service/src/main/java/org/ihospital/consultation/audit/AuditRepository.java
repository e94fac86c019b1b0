package org.ihospital.consultation.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit trail's rows. Appending runs in the reading transaction (Hibernate session); chaining,
 * sealing and verifying run on their own connection, in their own transactions.
 */
@ApplicationScoped
class AuditRepository {

    private static final String ENTRY = """
            select seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash, algorithm from audit_log""";
    /** Any constant will do: it names the chainer's advisory lock, so one chainer works at a time. */
    private static final long CHAINER_LOCK = 0x1d05_0a7b_a0d1L;

    private final Pool pool;

    AuditRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> append(AuditEvent event) {
        return Panache.getSession().chain(s -> s.persist(event));
    }

    /**
     * Links the events appended since the last pass, in the order they were appended, under the chainer's
     * lock; the linking function gets the chain's end and the events and answers the new links.
     */
    Uni<Integer> chain(int limit, java.util.function.BiFunction<AuditEntry, List<AuditEvent>, List<Link>> link) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(CHAINER_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(0)
                        : conn.query(ENTRY + " order by seq desc limit 1").execute().chain(last -> conn.preparedQuery("""
                                select e.id, e.at, e.actor, e.actor_role, e.patient_id, e.action, e.resource, e.request_id
                                from audit_event e where not exists (select 1 from audit_log l where l.event_id = e.id)
                                order by e.id limit $1""").execute(Tuple.of(limit)).chain(events -> {
                                    List<AuditEvent> pending = new ArrayList<>();
                                    events.forEach(r -> pending.add(event(r)));
                                    if (pending.isEmpty()) {
                                        return Uni.createFrom().item(0);
                                    }
                                    List<Link> links = link.apply(first(last), pending);
                                    return insert(conn, links).replaceWith(links.size());
                                }))));
    }

    /** A new link and the event it chains. */
    record Link(AuditEntry entry, long eventId) {
    }

    private static Uni<RowSet<Row>> insert(SqlConnection conn, List<Link> links) {
        List<Tuple> rows = links.stream().map(l -> {
            AuditEntry e = l.entry();
            return Tuple.from(List.of(e.seq(), e.at().atOffset(java.time.ZoneOffset.UTC), e.actor(), e.actorRole(), e.patientId(),
                    e.action(), e.resource(), e.requestId(), e.prevHash(), e.hash(), e.algorithm(), l.eventId()));
        }).toList();
        return conn.preparedQuery("""
                insert into audit_log (seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash, algorithm, event_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""").executeBatch(rows);
    }

    Uni<AuditEntry> last() {
        return pool.query(ENTRY + " order by seq desc limit 1").execute().map(AuditRepository::first);
    }

    Uni<AuditCheckpoint> lastCheckpoint() {
        return pool.query("select seq, hash, sealed_at, key_id, signature from audit_checkpoint order by seq desc limit 1").execute()
                .map(rows -> rows.iterator().hasNext() ? checkpoint(rows.iterator().next()) : null);
    }

    Uni<Void> seal(AuditCheckpoint checkpoint) {
        return pool.preparedQuery("insert into audit_checkpoint (seq, hash, sealed_at, key_id, signature) values ($1, $2, $3, $4, $5)"
                + " on conflict (seq) do nothing")
                .execute(Tuple.of(checkpoint.seq(), checkpoint.hash(), checkpoint.sealedAt().atOffset(java.time.ZoneOffset.UTC),
                        checkpoint.keyId(), checkpoint.signature()))
                .replaceWithVoid();
    }

    Uni<List<AuditEntry>> ofPatient(UUID patient, long afterSeq, int limit) {
        return pool.preparedQuery(ENTRY + " where patient_id = $1 and seq > $2 order by seq limit $3")
                .execute(Tuple.of(patient, afterSeq, limit)).map(AuditRepository::entries);
    }

    /**
     * Runs {@code walk} in one repeatable-read, read-only snapshot: what it reads is the chain as of one
     * instant, whatever is appended or chained meanwhile.
     */
    <T> Uni<T> inSnapshot(java.util.function.Function<Snapshot, Uni<T>> walk) {
        return pool.withTransaction(conn -> conn.query("set transaction isolation level repeatable read, read only").execute()
                .chain(() -> walk.apply(new Snapshot(conn))));
    }

    /** Reads of the chain inside one snapshot. */
    static final class Snapshot {
        private final SqlConnection conn;

        private Snapshot(SqlConnection conn) {
            this.conn = conn;
        }

        Uni<List<AuditCheckpoint>> checkpoints() {
            return conn.query("select seq, hash, sealed_at, key_id, signature from audit_checkpoint order by seq").execute()
                    .map(rows -> {
                        List<AuditCheckpoint> list = new ArrayList<>();
                        rows.forEach(r -> list.add(checkpoint(r)));
                        return list;
                    });
        }

        Uni<List<AuditEntry>> after(long afterSeq, int limit) {
            return conn.preparedQuery(ENTRY + " where seq > $1 order by seq limit $2").execute(Tuple.of(afterSeq, limit))
                    .map(AuditRepository::entries);
        }

        /** Events appended more than {@code seconds} ago that no link covers: the chainer is behind, or links were removed. */
        Uni<Long> unchainedOlderThan(int seconds) {
            return conn.preparedQuery("""
                    select count(*) from audit_event e where not exists (select 1 from audit_log l where l.event_id = e.id)
                      and e.at < now() - make_interval(secs => $1)""").execute(Tuple.of((double) seconds))
                    .map(rows -> rows.iterator().next().getLong(0));
        }
    }

    private static AuditEntry first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? entry(it.next()) : null;
    }

    private static List<AuditEntry> entries(RowSet<Row> rows) {
        List<AuditEntry> list = new ArrayList<>();
        rows.forEach(r -> list.add(entry(r)));
        return list;
    }

    private static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("seq"), instant(r, "at"), r.getString("actor"), r.getString("actor_role"), r.getUUID("patient_id"),
                r.getString("action"), r.getString("resource"), r.getString("request_id"), r.getString("prev_hash"), r.getString("hash"),
                r.getString("algorithm"));
    }

    private static AuditEvent event(Row r) {
        return new AuditEvent(r.getLong("id"), instant(r, "at"), r.getString("actor"), r.getString("actor_role"), r.getUUID("patient_id"),
                r.getString("action"), r.getString("resource"), r.getString("request_id"));
    }

    private static AuditCheckpoint checkpoint(Row r) {
        return new AuditCheckpoint(r.getLong("seq"), r.getString("hash"), instant(r, "sealed_at"), r.getString("key_id"),
                r.getString("signature"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
