package org.ihospital.commons.messaging;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A CloudEvent as a consumer receives it: its id (the de-duplication key), type, subject, time and JSON data. */
public record InboundEvent(UUID id, CloudEventType type, String subject, java.time.Instant time, String data) {

    /** Reads the data as the consumer's own record of the event; unknown fields are the producer's business. */
    public <T> T dataAs(ObjectMapper json, Class<T> type) {
        try {
            return json.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(data);
        } catch (JsonProcessingException e) {
            throw new UnreadableEvent("event " + id + " (" + this.type + ") has data that is not a " + type.getSimpleName(), e);
        }
    }
}
