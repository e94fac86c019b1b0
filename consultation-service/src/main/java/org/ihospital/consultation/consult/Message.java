package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

/** One message of a consultation's conversation. */
@Entity
@Table(name = "message")
public class Message {

    public enum Sender {
        PATIENT, DOCTOR
    }

    @Id
    private UUID id;
    @Column(name = "consultation_id")
    private UUID consultationId;
    @Generated
    @Column(insertable = false, updatable = false)
    private Long seq;
    @Enumerated(EnumType.STRING)
    private Sender sender;
    private String text;
    @Column(name = "sent_at")
    private Instant sentAt;

    protected Message() {
    }

    static Message of(UUID consultationId, Sender sender, String text, Instant now) {
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.consultationId = consultationId;
        m.sender = sender;
        m.text = text == null ? "" : text;
        m.sentAt = now;
        return m;
    }

    public UUID id() {
        return id;
    }

    public UUID consultationId() {
        return consultationId;
    }

    public Long seq() {
        return seq;
    }

    public Sender sender() {
        return sender;
    }

    public String text() {
        return text;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
