package org.ihospital.commons.persistence;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Locks a row before its entity is read. Hibernate's locking query for an entity with collections could
 * read the row before it held the lock, so that a concurrent change failed the version check (or was
 * overwritten); the row lock is taken with a native {@code select id … for update} first, and the entity
 * is loaded after, under the lock.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * @param lockingSelect a native {@code select id … for update} with one parameter {@code ?1}
     * @return the entity of the first row it locked, read under the lock; null when it found none
     */
    public static <E> Uni<E> lockThenLoad(PanacheRepositoryBase<E, UUID> repository, String lockingSelect, Object key) {
        return repository.getSession().chain(s -> s.createNativeQuery(lockingSelect, UUID.class).setParameter(1, key).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<E> nullItem() : repository.findById(ids.get(0)));
    }
}
