package org.ihospital.commons.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * The events an aggregate recorded since it was loaded, in the order of its transitions. An aggregate
 * keeps one (not persisted) and exposes {@link #drain()} through {@link EventSource}; the service hands
 * the aggregate to {@link Outbox#publish(EventSource)} after the change, in the same transaction.
 */
public final class RecordedEvents {

    private final List<PendingEvent> events = new ArrayList<>();

    public void record(PendingEvent event) {
        events.add(event);
    }

    /** The events recorded so far, which are forgotten here: each is handed to the outbox once. */
    public List<PendingEvent> drain() {
        List<PendingEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }
}
