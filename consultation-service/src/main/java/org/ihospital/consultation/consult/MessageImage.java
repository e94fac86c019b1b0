package org.ihospital.consultation.consult;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An image of a message, stored in the service's own database (no object store to run). */
@Entity
@Table(name = "message_image")
class MessageImage {

    @Id
    private UUID id;
    @Column(name = "message_id", insertable = false, updatable = false)
    private UUID messageId;
    private int ordinal;
    @Column(name = "media_type")
    private String mediaType;
    @Column(name = "size_bytes")
    private int sizeBytes;
    private String sha256;
    private byte[] content;

    protected MessageImage() {
    }

    static MessageImage of(int ordinal, ImageUpload upload) {
        MessageImage image = new MessageImage();
        image.id = UUID.randomUUID();
        image.ordinal = ordinal;
        image.mediaType = upload.mediaType();
        image.sizeBytes = upload.content().length;
        image.sha256 = upload.sha256();
        image.content = upload.content();
        return image;
    }

    ImageInfo info(UUID message) {
        return new ImageInfo(id, message, ordinal, mediaType, sizeBytes);
    }
}
