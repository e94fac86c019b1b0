package org.ihospital.consultation.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the hospital tells one person (a Keycloak account): a care alert for a clinician, a critical reading
 * or a refill due for a patient. Written in the transaction of its cause; its sequence number orders a
 * person's notifications and is what a live stream resumes from. Title and body name no patient.
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** What the notification is about; {@code subjectId} is that thing's id (an alert, a prescription). */
    public enum Kind {
        CARE_ALERT, CRITICAL_READING, REFILL_DUE
    }

    /** Who receives it, which decides the channels it goes through. */
    public enum Audience {
        PATIENT, CLINICIAN
    }

    /** A notification to write: to an account, about a subject; the text must not name the patient. */
    public record Note(String recipient, Audience audience, Kind kind, UUID subjectId, String title, String body) {
        public Note {
            if (recipient == null || recipient.isBlank() || title.isBlank() || title.length() > 200 || body.length() > 2000) {
                throw new IllegalArgumentException("a notification needs a recipient, a title of at most 200 and a body of at most 2000 characters");
            }
        }
    }

    @Id
    private UUID id;
    @Column(insertable = false, updatable = false)
    private Long seq;
    private String recipient;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    @Column(name = "subject_id")
    private UUID subjectId;
    private String title;
    private String body;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Notification() {
    }

    static Notification of(Note note, Instant now) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.recipient = note.recipient();
        n.kind = note.kind();
        n.subjectId = note.subjectId();
        n.title = note.title();
        n.body = note.body();
        n.createdAt = now;
        return n;
    }

    public UUID id() {
        return id;
    }

    public Long seq() {
        return seq;
    }

    public String recipient() {
        return recipient;
    }

    public Kind kind() {
        return kind;
    }

    public UUID subjectId() {
        return subjectId;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
