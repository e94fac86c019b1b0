package org.ihospital.consultation.signature;

import java.util.UUID;

/** A signature over some canonical content, and the id of the key that made it. */
public record Signature(UUID keyId, String value) {
}
