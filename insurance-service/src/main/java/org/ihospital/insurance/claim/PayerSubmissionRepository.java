package org.ihospital.insurance.claim;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Submissions to payers. The dispatcher's claim and retry statements run on the reactive pool without a
 * Hibernate session (single statements, called from HTTP callbacks outside any request); answers are
 * recorded through Hibernate, in the claim's transaction.
 */
@ApplicationScoped
class PayerSubmissionRepository implements PanacheRepositoryBase<PayerSubmission, UUID> {

    /** A claimed submission: what the dispatcher sends, and which attempt this is. */
    record Submission(UUID id, UUID claimId, Liability payer, Phase phase, String key, String request, int attempts) {
    }

    private final Pool pool;

    PayerSubmissionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims due submissions, the oldest first, at most {@code limit}: only a claim's first pending one (a
     * claim's submissions go one at a time, in order), each under a lease that a crashed dispatcher's
     * claims outlive by {@code lease} at most. Two dispatchers never claim one row (skip locked).
     */
    Uni<List<Submission>> claim(int limit, Duration lease) {
        return pool.preparedQuery("""
                with due as (
                    select s.id from payer_submission s
                    where s.status = 'PENDING' and s.next_attempt_at <= now() and (s.lease_until is null or s.lease_until <= now())
                      and not exists (select 1 from payer_submission p
                                      where p.claim_id = s.claim_id and p.seq < s.seq and p.status = 'PENDING')
                    order by s.next_attempt_at, s.seq limit $1 for update skip locked)
                update payer_submission d set attempts = d.attempts + 1, lease_until = now() + make_interval(secs => $2)
                from due where d.id = due.id
                returning d.id, d.claim_id, d.payer, d.phase, d.idempotency_key, d.request, d.attempts""")
                .execute(Tuple.of(limit, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<Submission> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Submission(r.getUUID("id"), r.getUUID("claim_id"), Liability.valueOf(r.getString("payer")),
                                Phase.valueOf(r.getString("phase")), r.getString("idempotency_key"), r.getString("request"),
                                r.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    /** No answer this time: try again at {@code next} (asking the payer first). Only the holder of the attempt records it. */
    Uni<Void> retryAt(Submission s, String error, Instant next) {
        return pool.preparedQuery("""
                update payer_submission set lease_until = null, last_error = $3, next_attempt_at = $4
                where id = $1 and attempts = $2 and status = 'PENDING'""")
                .execute(Tuple.of(s.id(), s.attempts(), error, OffsetDateTime.ofInstant(next, ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The submission of this attempt, still pending, locked; null when another attempt or an operator got there first. */
    Uni<PayerSubmission> lockedAttempt(Submission s) {
        return find("id = :id and attempts = :attempts and status = :pending",
                Parameters.with("id", s.id()).and("attempts", s.attempts()).and("pending", PayerSubmission.Status.PENDING))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Withdraws a claim's submissions of a phase that were never sent (no attempt claimed them); one being
     * sent is left alone. A bulk update: call it before the session reads the claim's submissions.
     */
    Uni<Integer> withdrawUnsent(UUID claim, Phase phase, java.time.Instant now) {
        return update("status = ?1, answeredAt = ?2 where claimId = ?3 and phase = ?4 and status = ?5 and attempts = 0",
                PayerSubmission.Status.WITHDRAWN, now, claim, phase, PayerSubmission.Status.PENDING);
    }

    /** A claim's submissions in the order they go. */
    Uni<List<PayerSubmission>> ofClaim(UUID claim) {
        return list("claimId", Sort.by("seq"), claim);
    }

    /** The number of a claim's submissions in a phase, other than {@code except}, that have been neither answered nor failed. */
    Uni<Long> pendingOtherThan(UUID claim, Phase phase, UUID except) {
        return count("claimId = ?1 and phase = ?2 and status = ?3 and id <> ?4", claim, phase, PayerSubmission.Status.PENDING, except);
    }
}
