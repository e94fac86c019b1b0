package org.ihospital.commons.persistence;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs database work from where there is no request: Hibernate Reactive needs a safe (duplicated) Vert.x
 * context, and a wake-up from a timer or an HTTP client's callback has none of its own.
 */
public final class OwnContext {

    private OwnContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            started.subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
