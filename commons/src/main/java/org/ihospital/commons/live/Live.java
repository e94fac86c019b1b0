package org.ihospital.commons.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Live updates for server-sent events, the way every stream of the hospital starts: subscribe to the
 * announcements first, read the state second, so that nothing committed in between is missed; then
 * pass the announcements on until the last one, and let go of the source when the stream ends.
 */
public final class Live {

    /** Announcements from the moment of subscribing, held until read; {@code stop} lets go of them unread. */
    public record Held<T>(Multi<T> items, Runnable stop) {
    }

    private Live() {
    }

    /** Subscribes to the announcements that match, now, and holds them until the stream reads them. */
    public static <T> Held<T> hold(Multi<T> source, Predicate<T> which) {
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        Runnable stop = () -> {
            Cancellable c = subscription.getAndSet(null);
            if (c != null) {
                c.cancel();
            }
        };
        UnicastProcessor<T> held = UnicastProcessor.create(new ConcurrentLinkedQueue<>(), stop);
        subscription.set(source.filter(which).subscribe().with(held::onNext, held::onError, held::onComplete));
        return new Held<>(held, stop);
    }

    /** Passes items on up to and including the last one, then ends (and lets go of the sources). */
    public static <T> Multi<T> until(Multi<T> items, Predicate<T> last) {
        return Multi.createFrom().emitter(out -> {
            var subscription = items.subscribe().with(item -> {
                out.emit(item);
                if (last.test(item)) {
                    out.complete();
                }
            }, out::fail, out::complete);
            out.onTermination(subscription::cancel);
        });
    }
}
