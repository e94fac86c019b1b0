package org.ihospital.commons.queue;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A sweep that works off what is due one row at a time, each in a transaction of its own: a row whose work
 * fails (its own rule, or the database under it) rolls back alone and waits for the next sweep; the others
 * go on. Failures are logged by their class only (a message may quote what it failed on).
 */
public final class OneByOne {

    private static final Logger LOG = Logger.getLogger(OneByOne.class);

    private OneByOne() {
    }

    /**
     * @param what  what the sweep does, for the log
     * @param due   the ids due now, read in a session of their own (not locked: {@code work} locks its row)
     * @param work  the work on one id, in its transaction
     */
    public static Uni<Void> sweep(String what, Supplier<Uni<List<UUID>>> due, Function<UUID, Uni<Void>> work) {
        return Panache.withSession(due)
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> work.apply(id))
                        .onFailure().invoke(e -> LOG.warnf("%s: %s failed, will retry: %s", what, id, e.getClass().getName()))
                        .onFailure().recoverWithNull()).collect().last())
                .onFailure().invoke(e -> LOG.warnf("%s failed, will retry: %s", what, e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
