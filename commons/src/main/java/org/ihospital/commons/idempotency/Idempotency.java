package org.ihospital.commons.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.signing.CanonicalJson;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Idempotent writes (the {@code Idempotency-Key} header), the way Stripe keeps them (ADR 0013):
 *
 * <ul>
 * <li>The key is claimed in its own transaction before the write runs; an identical request arriving
 * while the first is in flight gets 409 at once instead of waiting on a lock.</li>
 * <li>The write runs in its own transaction, which also stores its answer with the key: a retry gets the
 * first answer, never a second write.</li>
 * <li>A refusal (4xx) of a request that started executing is stored and replayed too, except a
 * validation failure (400), which frees the key; an unexpected failure frees it as well.</li>
 * <li>The same key with another request is a 422. The key is scoped to the caller and to the route the
 * request matched ({@link MatchedRoute}), never to anything the caller sent.</li>
 * <li>A claim left by a crashed process expires after {@code hospital.idempotency.lock}.</li>
 * </ul>
 */
@ApplicationScoped
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    /** What an idempotent write answered, and whether this answer is a replay of the first one. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    private final ObjectMapper json;
    private final Pool pool;
    private final MatchedRoute route;
    private final Duration retention;
    private final Duration lock;

    public Idempotency(ObjectMapper json, Pool pool, MatchedRoute route,
            @ConfigProperty(name = "hospital.idempotency.retention", defaultValue = "P1D") Duration retention,
            @ConfigProperty(name = "hospital.idempotency.lock", defaultValue = "PT1M") Duration lock) {
        this.json = json;
        this.pool = pool;
        this.route = route;
        this.retention = retention;
        this.lock = lock;
    }

    /**
     * Runs {@code write} once per key, in a transaction of its own.
     *
     * @param principal who asks (the token subject): the same key from two callers are two keys
     * @param key       the header's value, or {@code null}
     * @param required  whether the write must carry a key (400 without one)
     * @param request   the request body, compared in its RFC 8785 canonical form, as prescriptions are signed
     * @param answer    the type of the write's answer, stored as JSON
     * @param write     the write; it must not open a transaction of its own
     */
    public <T> Uni<Outcome<T>> once(String principal, String key, boolean required, Object request, Class<T> answer,
            Supplier<Uni<T>> write) {
        if (key == null) {
            return required ? Uni.createFrom().failure(new IdempotencyProblems.KeyRequired())
                    : Panache.withTransaction(write).map(v -> new Outcome<>(v, false));
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Uni.createFrom().failure(new InvalidIdempotencyKey());
        }
        String operation = route.operation() == null ? "unmatched" : route.operation();
        String hash = hash(operation, request);
        return pool.preparedQuery("""
                insert into idempotency_key (principal, key, operation, request_hash, state, locked_until)
                values ($1, $2, $3, $4, 'IN_FLIGHT', now() + make_interval(secs => $5)) on conflict do nothing""")
                .execute(Tuple.of(principal, key, operation, hash, (double) lock.toSeconds()))
                .chain(claimed -> claimed.rowCount() == 1 ? execute(principal, key, write)
                        : existing(principal, key, hash, answer, write));
    }

    private <T> Uni<Outcome<T>> existing(String principal, String key, String hash, Class<T> answer, Supplier<Uni<T>> write) {
        return pool.preparedQuery("""
                select request_hash, state, status, response::text as response, locked_until > now() as locked
                from idempotency_key where principal = $1 and key = $2""").execute(Tuple.of(principal, key))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        // purged or released between the insert and the select: try again from the start
                        return Uni.createFrom().failure(new IdempotencyProblems.InFlight());
                    }
                    Row row = rows.iterator().next();
                    if (!hash.equals(row.getString("request_hash"))) {
                        return Uni.createFrom().failure(new IdempotencyKeyReused());
                    }
                    if ("COMPLETED".equals(row.getString("state"))) {
                        return Uni.createFrom().item(() -> replay(row, answer));
                    }
                    if (Boolean.TRUE.equals(row.getBoolean("locked"))) {
                        return Uni.createFrom().failure(new IdempotencyProblems.InFlight());
                    }
                    // a claim left by a process that died: take it over, once
                    return pool.preparedQuery("""
                            update idempotency_key set locked_until = now() + make_interval(secs => $3)
                            where principal = $1 and key = $2 and state = 'IN_FLIGHT' and locked_until <= now()""")
                            .execute(Tuple.of(principal, key, (double) lock.toSeconds()))
                            .chain(taken -> taken.rowCount() == 1 ? execute(principal, key, write)
                                    : Uni.createFrom().failure(new IdempotencyProblems.InFlight()));
                });
    }

    private <T> Uni<Outcome<T>> execute(String principal, String key, Supplier<Uni<T>> write) {
        return Panache.withTransaction(() -> write.get().call(value -> Panache.getSession().chain(s -> s.createNativeQuery("""
                update idempotency_key set state = 'COMPLETED', status = null, response = cast(cast(?3 as text) as jsonb),
                    locked_until = null where principal = ?1 and key = ?2""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, serialise(value)).executeUpdate())))
                .map(value -> new Outcome<>(value, false))
                .onFailure().call(failure -> settleFailure(principal, key, failure));
    }

    /** A refusal of a request that started executing is the answer to keep; anything else frees the key for a retry. */
    private Uni<Void> settleFailure(String principal, String key, Throwable failure) {
        if (failure instanceof ProblemException p && p.status() >= 400 && p.status() < 500 && !isValidation(p)) {
            Map<String, Object> problem = new java.util.LinkedHashMap<>();
            problem.put("type", p.type());
            problem.put("title", p.title());
            problem.put("detail", p.detail());
            problem.put("extensions", p.extensions());
            return pool.preparedQuery("""
                    update idempotency_key set state = 'COMPLETED', status = $3, response = cast(cast($4 as text) as jsonb), locked_until = null
                    where principal = $1 and key = $2""").execute(Tuple.of(principal, key, p.status(), serialise(problem)))
                    .replaceWithVoid().onFailure().recoverWithNull();
        }
        return pool.preparedQuery("delete from idempotency_key where principal = $1 and key = $2 and state = 'IN_FLIGHT'")
                .execute(Tuple.of(principal, key)).replaceWithVoid().onFailure().recoverWithNull();
    }

    private static boolean isValidation(ProblemException p) {
        return p.status() == 400;
    }

    private <T> Outcome<T> replay(Row row, Class<T> answer) {
        String response = row.getString("response");
        try {
            Integer status = row.getInteger("status");
            if (status != null) {
                JsonNode problem = json.readTree(response);
                @SuppressWarnings("unchecked")
                Map<String, Object> extensions = json.convertValue(problem.get("extensions"), Map.class);
                throw new IdempotencyProblems.Replayed(problem.path("type").asText(), status, problem.path("title").asText(),
                        problem.path("detail").asText(), extensions);
            }
            return new Outcome<>(json.readValue(response, answer), true);
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
            sha.update(CanonicalJson.of(json, request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
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
