package org.ihospital.commons.persistence;

import java.util.List;
import java.util.UUID;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Locks a row before its entity is read. Hibernate's locking query for an entity with collections could
 * read the row before it held the lock, so that a concurrent change failed the version check (or was
 * overwritten); the row lock is taken with a query of the id first, and the entity is loaded after, under
 * the lock.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * @param idQuery an HQL query of the id ({@code select e.id from Entity e where …}, parameters {@code ?1, ?2,
     *                …}), run locked {@code PESSIMISTIC_WRITE} (PostgreSQL: {@code for no key update}); HQL rather
     *                than native SQL because Hibernate Reactive caches a native select's plan under a key that
     *                never matches again (its result mapping has no {@code equals}): each call would add an entry
     * @return the entity of the first row it locked, read under the lock; null when it found none
     */
    public static <E> Uni<E> lockIdThenLoad(PanacheRepositoryBase<E, UUID> repository, String idQuery, Object... parameters) {
        return repository.getSession().chain(s -> {
            var query = s.createSelectionQuery(idQuery, UUID.class).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).chain(ids -> ids.isEmpty() ? Uni.createFrom().<E> nullItem() : repository.findById(ids.get(0)));
    }

    /**
     * The ids a sweep may work on: those the query finds that no other transaction holds, locked until this
     * one ends, the others skipped (PostgreSQL: {@code for update skip locked}), so replicas sweep side by side.
     * In the caller's session.
     *
     * @param idQuery an HQL query of ids (parameters {@code ?1, ?2, …}), in the order to work them off; HQL, not
     *                native SQL, for the reason {@link #lockIdThenLoad} gives
     */
    public static Uni<List<UUID>> lockFreeIds(String idQuery, int limit, Object... parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createSelectionQuery(idQuery, UUID.class).setLockMode(LockMode.UPGRADE_SKIPLOCKED);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }
}
