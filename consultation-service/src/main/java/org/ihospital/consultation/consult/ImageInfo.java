package org.ihospital.consultation.consult;

import java.util.UUID;

/** An image's description, without its bytes. */
public record ImageInfo(UUID id, UUID messageId, int ordinal, String mediaType, int sizeBytes) {
}
