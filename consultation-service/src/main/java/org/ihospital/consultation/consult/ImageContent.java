package org.ihospital.consultation.consult;

/** The bytes of one image and their type, as recognised when it was sent. */
public record ImageContent(String mediaType, byte[] content) {
}
