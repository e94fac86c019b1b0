package org.ihospital.commons.messaging;

import java.util.List;

/** An aggregate that records the events of its transitions (see {@link RecordedEvents}). */
public interface EventSource {

    /** The events recorded since the last drain, oldest first; each is returned once. */
    List<PendingEvent> drainEvents();
}
