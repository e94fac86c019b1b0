package org.ihospital.consultation.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** One staff read of a patient's record, chained to the entry before it by its hash. */
public record AuditEntry(long seq, Instant at, String actor, String actorRole, UUID patientId, String action, String resource,
        String requestId, String prevHash, String hash) {

    public static final String GENESIS = "0".repeat(64);

    /** The hash this entry must have: SHA-256 over the previous hash and every field, unambiguously separated. */
    static String hashOf(long seq, Instant at, String actor, String actorRole, UUID patientId, String action, String resource,
            String requestId, String prevHash) {
        String content = String.join("\u001f", prevHash, Long.toString(seq), at.toString(), actor, actorRole, patientId.toString(),
                action, resource, requestId);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry after the one with {@code prevSeq} and {@code prevHash}. */
    static AuditEntry next(long prevSeq, String prevHash, Instant at, String actor, String actorRole, UUID patientId, String action,
            String resource, String requestId) {
        long seq = prevSeq + 1;
        return new AuditEntry(seq, at, actor, actorRole, patientId, action, resource, requestId, prevHash,
                hashOf(seq, at, actor, actorRole, patientId, action, resource, requestId, prevHash));
    }

    /** Does this entry hold what its hash says, and follow {@code previousHash}? */
    boolean intact(String previousHash) {
        return prevHash.equals(previousHash)
                && hash.equals(hashOf(seq, at, actor, actorRole, patientId, action, resource, requestId, prevHash));
    }
}
