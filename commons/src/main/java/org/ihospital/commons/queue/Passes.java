package org.ihospital.commons.queue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.ihospital.commons.messaging.Failures;
import org.ihospital.commons.persistence.OwnContext;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs the passes of a persistent queue's dispatcher one at a time: {@link #wake()} starts a pass now, or
 * right after the running one; a pass that found work is followed by another. Each pass gets a session
 * on a context of its own (a wake-up comes from a timer, a notification or an HTTP callback).
 */
public final class Passes {

    private static final Logger LOG = Logger.getLogger(Passes.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<Integer>> pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * @param name what the passes do, for the log
     * @param pass one pass, answering how much work it found (0: the queue is idle)
     */
    public Passes(Vertx vertx, String name, Supplier<Uni<Integer>> pass) {
        this.vertx = vertx;
        this.name = name;
        this.pass = pass;
    }

    /** Runs a pass now, or right after the running one. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        OwnContext.run(vertx, () -> Panache.withSession(pass)).subscribe().with(found -> {
            running.set(false);
            if (found > 0 || again.get()) {
                wake();
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("%s: a pass failed, the next wake-up retries: %s", name, Failures.describe(failure));
        });
    }
}
