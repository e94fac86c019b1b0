package org.ihospital.pharmacy.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.paging.Cursor;

import org.ihospital.commons.persistence.RowLocks;

import org.ihospital.commons.persistence.PgNotifications;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /** Tells live followers on every replica, when the transaction commits (native: PostgreSQL's NOTIFY). */
    Uni<Void> announce(String channel, String payload) {
        return PgNotifications.announce(channel, payload);
    }

    /** The order, locked until the transaction ends, read after the lock is held (commons RowLocks says why). */
    Uni<Order> locked(UUID id) {
        return RowLocks.lockIdThenLoad(this, "select o.id from Order o where o.id = ?1", id);
    }

    /** The live (not cancelled, not unroutable) order of a prescription, locked and read after the lock; null when none. */
    Uni<Order> liveOf(UUID prescription) {
        return RowLocks.lockIdThenLoad(this, "select o.id from Order o where o.prescriptionId = ?1 and o.status not in (?2, ?3)", prescription,
                Order.Status.CANCELLED, Order.Status.UNROUTABLE);
    }

    /** One page of an account's orders, the newest first, one more than asked. */
    Uni<List<Order>> ofAccount(String account, Cursor before, int limit) {
        String query = "patientAccount = :account" + (before == null ? "" : " and (createdAt < :at or (createdAt = :at and id < :id))");
        Parameters p = Parameters.with("account", account);
        if (before != null) {
            p.and("at", before.at()).and("id", before.id());
        }
        return find(query, Sort.descending("createdAt", "id"), p).page(Page.ofSize(limit + 1)).list();
    }

    /** A patient's orders, only those of {@code account} unless it is null, newest first. */
    Uni<List<Order>> ofPatient(UUID patient, String account, int limit) {
        Sort order = Sort.descending("createdAt", "id");
        var found = account == null ? find("patientId = ?1", order, patient) : find("patientId = ?1 and patientAccount = ?2", order, patient, account);
        return found.page(Page.ofSize(limit)).list();
    }

    /**
     * Orders routed before {@code before} and still not accepted, locked; those another replica is handling
     * are skipped (commons RowLocks).
     */
    Uni<List<UUID>> notAcceptedSince(Instant before, int limit) {
        return RowLocks.lockFreeIds("select o.id from Order o where o.status = ?1 and o.routedAt <= ?2 order by o.routedAt", limit,
                Order.Status.ROUTED, before);
    }
}
