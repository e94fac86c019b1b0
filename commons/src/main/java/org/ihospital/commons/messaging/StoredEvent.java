package org.ihospital.commons.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;

/**
 * An event kept by the inbox (a dead letter or one parked behind it), read back as a type. The entity
 * exists only to carry the result set mappings of commons' native queries.
 */
record StoredEvent(String consumer, UUID eventId, String subject, String type, OffsetDateTime occurredAt, String data) {

    InboundEvent event() {
        return new InboundEvent(eventId, CloudEventType.parse(type), subject, occurredAt.toInstant(), data);
    }

    @Entity(name = "InboxMappings")
    @SqlResultSetMapping(name = "StoredEvent", classes = @ConstructorResult(targetClass = StoredEvent.class, columns = {
            @ColumnResult(name = "consumer", type = String.class), @ColumnResult(name = "event_id", type = UUID.class),
            @ColumnResult(name = "subject", type = String.class), @ColumnResult(name = "type", type = String.class),
            @ColumnResult(name = "occurred_at", type = OffsetDateTime.class), @ColumnResult(name = "data", type = String.class) }))
    @SqlResultSetMapping(name = "DeadLetterView", classes = @ConstructorResult(targetClass = DeadLetters.DeadLetter.class, columns = {
            @ColumnResult(name = "id", type = UUID.class), @ColumnResult(name = "consumer", type = String.class),
            @ColumnResult(name = "event_id", type = UUID.class), @ColumnResult(name = "subject", type = String.class),
            @ColumnResult(name = "type", type = String.class), @ColumnResult(name = "occurred_at", type = java.time.Instant.class),
            @ColumnResult(name = "error", type = String.class), @ColumnResult(name = "dead_at", type = java.time.Instant.class),
            @ColumnResult(name = "resolved_at", type = java.time.Instant.class), @ColumnResult(name = "resolution", type = String.class),
            @ColumnResult(name = "resolved_by", type = String.class), @ColumnResult(name = "resolve_reason", type = String.class),
            @ColumnResult(name = "parked", type = Long.class) }))
    static class Mappings {
        @Id
        Long id;
    }
}
