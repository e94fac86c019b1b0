package org.ihospital.commons.messaging;

/** A message that can never be applied however often it is retried: it goes straight to the dead-letter topic. */
public class UnreadableEvent extends RuntimeException {

    public UnreadableEvent(String message) {
        super(message);
    }

    public UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
