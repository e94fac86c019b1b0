package org.ihospital.consultation.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One staff read of a patient's record, as a link of the audit chain: its place ({@code seq}), what
 * happened, and the link to the entry before. A link is an HMAC-SHA256 under a key the database never
 * sees, so whoever can write the database can neither forge an entry nor recompute the chain after
 * changing one. Entries chained before the HMAC ({@code sha256}) are plain hashes.
 */
public record AuditEntry(long seq, Instant at, String actor, String actorRole, UUID patientId, String action, String resource,
        String requestId, String prevHash, String hash, String algorithm) {

    public static final String GENESIS = "0".repeat(64);
    public static final String HMAC = "hmac-sha256";
    public static final String LEGACY = "sha256";

    /** The next link of the chain, after the entry whose hash was {@code prevHash}. */
    static AuditEntry chain(long seq, String prevHash, AuditEvent event, byte[] key) {
        String hash = link(HMAC, key, seq, event.at(), event.actor(), event.actorRole(), event.patientId(), event.action(),
                event.resource(), event.requestId(), prevHash);
        return new AuditEntry(seq, event.at(), event.actor(), event.actorRole(), event.patientId(), event.action(), event.resource(),
                event.requestId(), prevHash, hash, HMAC);
    }

    /** Does this entry hold what its link says, and follow {@code previousHash}? */
    boolean intact(String previousHash, byte[] key) {
        return prevHash.equals(previousHash)
                && hash.equals(link(algorithm, key, seq, at, actor, actorRole, patientId, action, resource, requestId, prevHash));
    }

    /** The link over the previous link and every field, unambiguously separated. */
    static String link(String algorithm, byte[] key, long seq, Instant at, String actor, String actorRole, UUID patientId,
            String action, String resource, String requestId, String prevHash) {
        byte[] content = String.join("\u001f", prevHash, Long.toString(seq), at.toString(), actor, actorRole, patientId.toString(),
                action, resource, requestId).getBytes(StandardCharsets.UTF_8);
        try {
            if (HMAC.equals(algorithm)) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(content));
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
