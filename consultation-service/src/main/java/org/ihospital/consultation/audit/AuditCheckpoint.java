package org.ihospital.consultation.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The chain sealed up to {@code seq}: its link there, when, and the hospital's Ed25519 signature over
 * both. Rewriting anything before it, or cutting the chain short of it, is detected.
 */
record AuditCheckpoint(long seq, String hash, Instant sealedAt, String keyId, String signature) {

    static byte[] statement(long seq, String hash, Instant sealedAt) {
        return ("audit-checkpoint|" + seq + "|" + hash + "|" + sealedAt).getBytes(StandardCharsets.UTF_8);
    }

    byte[] statement() {
        return statement(seq, hash, sealedAt);
    }
}
