package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

/**
 * One message of a consultation's conversation, with its images. The images are written with the
 * message and read back only as descriptions ({@link ImageInfo}) or one at a time, never all bytes at once.
 */
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
    @OneToMany(cascade = CascadeType.PERSIST, fetch = FetchType.LAZY)
    @JoinColumn(name = "message_id", nullable = false, updatable = false)
    private List<MessageImage> images = new ArrayList<>();

    protected Message() {
    }

    static Message of(Consultation consultation, Sender sender, MessageDraft draft, Instant now) {
        consultation.requireOpen();
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.consultationId = consultation.id();
        m.sender = sender;
        m.text = draft.text();
        m.sentAt = now;
        for (int i = 0; i < draft.images().size(); i++) {
            m.images.add(MessageImage.of(i, draft.images().get(i)));
        }
        return m;
    }

    /** The images just attached, described (only for a message created in this transaction). */
    List<ImageInfo> attached() {
        return images.stream().map(i -> i.info(id)).toList();
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
