package org.ihospital.commons.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Idempotent writes (the {@code Idempotency-Key} header). Must run inside the write's own transaction:
 * the key is claimed first (a concurrent request with the same key waits on it), the write runs, and
 * its answer is stored with the key; a retry with the same key and the same request gets the stored
 * answer, with another request a 422. A write that fails rolls the claim back, so it can be retried.
 */
@ApplicationScoped
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    /** What an idempotent write answered, and whether this answer is a replay of the first one. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    private final ObjectMapper json;
    private final Pool pool;
    private final Duration retention;

    public Idempotency(ObjectMapper json, Pool pool,
            @ConfigProperty(name = "hospital.idempotency.retention", defaultValue = "P1D") Duration retention) {
        this.json = json;
        this.pool = pool;
        this.retention = retention;
    }

    /**
     * @param principal who asks (the token subject): the same key from two callers are two keys
     * @param key       the header's value, or {@code null} for a plain, non-idempotent write
     * @param operation what is asked, e.g. {@code POST /api/v1/appointments}
     * @param request   the request body, compared in its RFC 8785 canonical form (field order and number
     *                  spelling do not matter), as prescriptions are signed
     * @param answer    the type of the write's answer, stored as JSON
     * @param write     the write; it runs in the caller's transaction
     */
    public <T> Uni<Outcome<T>> once(String principal, String key, String operation, Object request, Class<T> answer,
            Supplier<Uni<T>> write) {
        if (key == null) {
            return write.get().map(v -> new Outcome<>(v, false));
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Uni.createFrom().failure(new InvalidIdempotencyKey());
        }
        String hash = hash(operation, request);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into idempotency_key (principal, key, request_hash) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, hash)
                .executeUpdate()
                .chain(claimed -> claimed == 1
                        ? write.get().call(value -> session.createNativeQuery("""
                                update idempotency_key set response = cast(cast(?3 as text) as jsonb)
                                where principal = ?1 and key = ?2""")
                                .setParameter(1, principal).setParameter(2, key).setParameter(3, serialise(value))
                                .executeUpdate())
                                .map(value -> new Outcome<>(value, false))
                        : session.createNativeQuery("""
                                select request_hash, cast(response as text) from idempotency_key
                                where principal = ?1 and key = ?2""", Object[].class)
                                .setParameter(1, principal).setParameter(2, key)
                                .getSingleResult()
                                .map(row -> replay(row, hash, answer))));
    }

    private <T> Outcome<T> replay(Object[] row, String hash, Class<T> answer) {
        if (!hash.equals(row[0])) {
            throw new IdempotencyKeyReused();
        }
        try {
            return new Outcome<>(json.readValue((String) row[1], answer), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent answer cannot be read as " + answer.getSimpleName(), e);
        }
    }

    private String serialise(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an idempotent answer must be serialisable", e);
        }
    }

    String hash(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new JsonCanonicalizer(json.writeValueAsString(request)).getEncodedUTF8());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException("cannot hash the request of " + operation, e);
        }
    }

    /** Keys are kept long enough for any client retry (a day by default), then forgotten. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldKeys() {
        return pool.preparedQuery("delete from idempotency_key where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .onFailure().invoke(e -> LOG.warnf("Idempotency key purge failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
