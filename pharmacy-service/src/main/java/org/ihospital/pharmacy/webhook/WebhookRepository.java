package org.ihospital.pharmacy.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.paging.Cursor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook deliveries. The dispatcher's statements run on the reactive pool without a Hibernate session:
 * they are single statements that PostgreSQL alone does ({@code UPDATE … RETURNING} with a window
 * function to share a pass between partners), called from HTTP callbacks outside any request.
 */
@ApplicationScoped
class WebhookRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /** A claimed delivery: what the dispatcher sends. */
    record Claimed(UUID id, String messageId, UUID partnerId, String type, String payload, int attempts) {
    }

    private final Pool pool;

    WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims due deliveries, at most {@code perPartner} of each partner and {@code limit} in all, the oldest
     * first, skipping the {@code busy} partners; a claim is a lease that a crashed dispatcher's claims
     * outlive by {@code lease} at most. Two dispatchers never claim one row: the update re-checks the
     * lease under the row lock.
     */
    Uni<List<Claimed>> claim(List<UUID> busy, int perPartner, int limit, Duration lease) {
        return pool.preparedQuery("""
                with due as (
                    select id from (
                        select id, next_attempt_at,
                               row_number() over (partition by partner_id order by next_attempt_at, id) as n
                        from webhook_delivery
                        where status = 'PENDING' and next_attempt_at <= now()
                          and (lease_until is null or lease_until <= now()) and partner_id <> all($1)
                    ) ranked where n <= $2 order by next_attempt_at limit $3)
                update webhook_delivery d set attempts = d.attempts + 1, lease_until = now() + make_interval(secs => $4)
                from due where d.id = due.id and d.status = 'PENDING' and (d.lease_until is null or d.lease_until <= now())
                returning d.id, d.message_id, d.partner_id, d.type, d.payload, d.attempts""")
                .execute(Tuple.of(busy.toArray(UUID[]::new), perPartner, limit, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<Claimed> claimed = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getUUID("id"), r.getString("message_id"), r.getUUID("partner_id"), r.getString("type"),
                                r.getString("payload"), r.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    /** The partner acknowledged it. Only the holder of the claim (this attempt) records an outcome. */
    Uni<Void> delivered(UUID id, int attempts, int httpStatus) {
        return pool.preparedQuery("""
                update webhook_delivery set status = 'DELIVERED', last_status = $3, last_error = null, lease_until = null,
                    delivered_at = now() where id = $1 and attempts = $2 and status = 'PENDING'""")
                .execute(Tuple.of(id, attempts, httpStatus)).replaceWithVoid();
    }

    /** Not acknowledged: try again at {@code next}, or (null) it has failed for good. */
    Uni<Void> notDelivered(UUID id, int attempts, Integer httpStatus, String error, Instant next) {
        return pool.preparedQuery("""
                update webhook_delivery set last_status = $3, last_error = $4, lease_until = null,
                    next_attempt_at = coalesce($5, next_attempt_at),
                    status = case when $5::timestamptz is null then 'FAILED' else 'PENDING' end,
                    failed_at = case when $5::timestamptz is null then now() else null end
                where id = $1 and attempts = $2 and status = 'PENDING'""")
                .execute(Tuple.tuple().addUUID(id).addInteger(attempts).addInteger(httpStatus).addString(error)
                        .addOffsetDateTime(next == null ? null : OffsetDateTime.ofInstant(next, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** One page of failed deliveries, the most recent failure first, one more than asked. */
    Uni<List<WebhookDelivery>> failed(UUID partner, Cursor before, int limit) {
        String query = "status = :status" + (partner == null ? "" : " and partnerId = :partner")
                + (before == null ? "" : " and (failedAt < :at or (failedAt = :at and id < :id))");
        Parameters p = Parameters.with("status", WebhookDelivery.Status.FAILED);
        if (partner != null) {
            p.and("partner", partner);
        }
        if (before != null) {
            p.and("at", before.at()).and("id", before.id());
        }
        return find(query, Sort.descending("failedAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }

    /** One page of a partner's deliveries, the most recent first, one more than asked. */
    Uni<List<WebhookDelivery>> ofPartner(UUID partner, Cursor before, int limit) {
        String query = "partnerId = :partner" + (before == null ? "" : " and (createdAt < :at or (createdAt = :at and id < :id))");
        Parameters p = Parameters.with("partner", partner);
        if (before != null) {
            p.and("at", before.at()).and("id", before.id());
        }
        return find(query, Sort.descending("createdAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }

    Uni<WebhookDelivery> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
