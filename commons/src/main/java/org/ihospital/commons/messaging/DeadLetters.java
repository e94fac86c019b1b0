package org.ihospital.commons.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.ihospital.commons.metrics.DatabaseMeters;
import org.ihospital.commons.problem.ProblemException;
import org.ihospital.commons.problem.ResourceNotFound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What operators do with events a consumer could not apply: list them, replay one (then the events of
 * its subject that were parked behind it, in the order they arrived), or discard it with a reason (then
 * the parked ones). Either happens in one transaction: if any of them fails, nothing changes and the
 * operator sees why.
 */
@ApplicationScoped
public class DeadLetters {

    /** A dead letter as operators see it (its data stays in the database). */
    public record DeadLetter(UUID id, String consumer, UUID eventId, String subject, String type, Instant occurredAt, String error,
            Instant deadAt, Instant resolvedAt, String resolution, String resolvedBy, String resolveReason, long parkedBehind) {
    }

    public static final class ReplayFailed extends ProblemException {
        ReplayFailed(UUID id, String error) {
            super("replay-failed", 409, "Replay failed", "Dead letter " + id + " (or an event parked behind it) failed again, nothing"
                    + " was changed: " + error);
        }
    }

    static final class AlreadyResolved extends ProblemException {
        AlreadyResolved(UUID id) {
            super("dead-letter-resolved", 409, "Already resolved", "Dead letter " + id + " was already replayed or discarded");
        }
    }

    private final Map<String, InboxConsumer> consumers;
    private final Inbox inbox;

    /** Open dead letters, for the alert that calls an operator (deploy/k8s/monitoring). */
    void registerMetrics(@Observes StartupEvent started, DatabaseMeters meters) {
        meters.gauge("hospital.inbox.dead.letters", "Consumed events that could not be applied, waiting for an operator", null,
                "select count(*) from inbox_dead_letter where resolved_at is null");
    }

    public DeadLetters(Instance<InboxConsumer> consumers, Inbox inbox) {
        this.consumers = consumers.stream().collect(Collectors.toMap(InboxConsumer::name, Function.identity()));
        this.inbox = inbox;
    }

    /** Dead letters with how many events wait behind each (a where clause follows). */
    private static final String VIEW = """
            select d.id, d.consumer, d.event_id, d.subject, d.type, d.occurred_at, d.error, d.dead_at, d.resolved_at, d.resolution,
                   d.resolved_by, d.resolve_reason,
                   (select count(*) from inbox_parked p where p.consumer = d.consumer and p.subject = d.subject) as parked
            from inbox_dead_letter d""";

    public Uni<List<DeadLetter>> list(boolean openOnly, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                VIEW + " where (not ?1 or d.resolved_at is null) order by d.dead_at, d.id limit ?2",
                s.getResultSetMapping(DeadLetter.class, "DeadLetterView"))
                .setParameter(1, openOnly).setParameter(2, limit).getResultList()));
    }

    private Uni<DeadLetter> one(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(VIEW + " where d.id = ?1",
                s.getResultSetMapping(DeadLetter.class, "DeadLetterView"))
                .setParameter(1, id).getSingleResult()));
    }

    public Uni<DeadLetter> replay(UUID id, String operator) {
        return resolve(id, operator, "REPLAYED", null);
    }

    public Uni<DeadLetter> discard(UUID id, String operator, String reason) {
        return resolve(id, operator, "DISCARDED", reason);
    }

    /** In one transaction: marked resolved (once), the event applied when replayed, then what was parked behind it. */
    private Uni<DeadLetter> resolve(UUID id, String operator, String resolution, String reason) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                select consumer, event_id, subject, type, occurred_at, data from inbox_dead_letter
                where id = ?1 for update""", s.getResultSetMapping(StoredEvent.class, "StoredEvent")).setParameter(1, id).getResultList()
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(new ResourceNotFound("dead letter", id));
                    }
                    StoredEvent dead = found.get(0);
                    return s.createNativeQuery("""
                            update inbox_dead_letter set resolved_at = now(), resolution = ?2, resolved_by = ?3, resolve_reason = ?4
                            where id = ?1 and resolved_at is null""")
                            .setParameter(1, id).setParameter(2, resolution).setParameter(3, operator).setParameter(4, reason)
                            .executeUpdate()
                            .chain(marked -> marked == 0 ? Uni.createFrom().failure(new AlreadyResolved(id))
                                    : "REPLAYED".equals(resolution) ? applyStored(dead) : Uni.createFrom().voidItem())
                            .chain(() -> releaseParked(dead));
                })))
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> new ReplayFailed(id, Failures.describe(e)))
                .chain(() -> one(id));
    }

    /** The events parked behind a dead letter, applied in the order they arrived, then forgotten. */
    private Uni<Void> releaseParked(StoredEvent dead) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select consumer, event_id, subject, type, occurred_at, data from inbox_parked
                where consumer = ?1 and subject = ?2 order by seq""", s.getResultSetMapping(StoredEvent.class, "StoredEvent"))
                .setParameter(1, dead.consumer()).setParameter(2, dead.subject()).getResultList()
                .chain(parked -> Multi.createFrom().iterable(parked).onItem().transformToUniAndConcatenate(this::applyStored)
                        .collect().last())
                .chain(() -> s.createNativeQuery("delete from inbox_parked where consumer = ?1 and subject = ?2")
                        .setParameter(1, dead.consumer()).setParameter(2, dead.subject()).executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Void> applyStored(StoredEvent stored) {
        InboxConsumer consumer = consumers.get(stored.consumer());
        if (consumer == null) {
            return Uni.createFrom().failure(new IllegalStateException("no consumer named " + stored.consumer() + " in this service"));
        }
        return inbox.applyReleased(consumer, stored.event());
    }
}
