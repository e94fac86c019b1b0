package org.ihospital.commons.messaging;

import java.util.List;

/** An aggregate that records the events of its transitions (see {@link RecordedEvents}). */
public interface EventSource {

    /** The events recorded since the last drain, oldest first; each is returned once. */
    List<PendingEvent> drainEvents();

    /**
     * The trace of the flow this aggregate belongs to (a W3C traceparent it kept when it was created, e.g.
     * from the event that started it), so that a later request's events continue that flow's trace
     * ({@link org.ihospital.commons.tracing.Traces#continuing}); {@code null}: the current trace.
     */
    default String traceparent() {
        return null;
    }
}
