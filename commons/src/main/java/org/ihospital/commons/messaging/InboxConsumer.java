package org.ihospital.commons.messaging;

import io.smallrye.mutiny.Uni;

/**
 * One consumer of one incoming stream (a service's {@code …Handler}): its stable name, and how it applies
 * an event. The inbox calls {@link #apply} inside the transaction that records the event as applied,
 * for events from Kafka and for dead letters an operator replays.
 */
public interface InboxConsumer {

    /** A stable name, e.g. {@code consultation.timeline.orders}: the inbox remembers applied events per name. */
    String name();

    /** Applies the event through a service, in the caller's transaction; it must not open its own. */
    Uni<Void> apply(InboundEvent event);
}
