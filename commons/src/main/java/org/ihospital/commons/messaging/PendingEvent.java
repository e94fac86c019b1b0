package org.ihospital.commons.messaging;

import java.util.Objects;

/**
 * An event an aggregate recorded during a transition and that has not reached the outbox yet: where
 * it goes ({@code topic}), what it is ({@code type}), whose it is ({@code subject}, the aggregate id and
 * Kafka key) and its data (the versioned event record). Plain data: aggregates create these without
 * knowing how they are published.
 */
public record PendingEvent(String topic, CloudEventType type, String subject, Object data) {

    public PendingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }
}
