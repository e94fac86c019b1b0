package org.ihospital.consultation.notification;

import io.smallrye.mutiny.Uni;

/**
 * A way to reach a person: the port every channel adapter implements. {@code deliver} runs in the
 * delivery's transaction; a failure (a failed Uni) is tried again later. An adapter must not log the
 * recipient's contact details or the notification's text, and fails with {@link Failure} to say why (any
 * other exception is recorded by its class only).
 */
public interface NotificationChannel {

    /** The apps' own channel: kept in the person's list and passed on to their live streams. */
    String IN_APP = "in-app";

    /** The channel's name in the settings ({@code in-app}, {@code sms}, {@code push}). */
    String name();

    Uni<Void> deliver(Notification notification);

    /** A channel's refusal with a reason fit for the log and the delivery's row: no contact details, no text. */
    final class Failure extends RuntimeException {
        public Failure(String reason) {
            super(reason, null, false, false);
        }
    }
}
