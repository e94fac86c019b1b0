package org.ihospital.commons.signing;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;


/**
 * A signer's public key as the hospital vouches for it: whose key it is ({@code owner}, e.g. a doctor
 * id), when it may sign ({@code notBefore} inclusive, {@code notAfter} exclusive), and the hospital's
 * Ed25519 signature ({@code attestation}, by hospital key {@code attestedBy}) over the canonical
 * statement of all of these. Anyone holding the hospital's published keys (JWKS) can check it alone.
 */
public record AttestedKey(String keyId, String owner, String publicKey, Instant notBefore, Instant notAfter, String attestation,
        String attestedBy) {

    public AttestedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** What the hospital signs: RFC 8785 canonical JSON of the key's id, owner, public key and validity. */
    public static byte[] statement(String keyId, String owner, String publicKey, Instant notBefore, Instant notAfter) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keyId", keyId);
        doc.put("owner", owner);
        doc.put("publicKey", publicKey);
        doc.put("notBefore", notBefore.toString());
        doc.put("notAfter", notAfter.toString());
        return CanonicalJson.of(doc);
    }

    public byte[] statement() {
        return statement(keyId, owner, publicKey, notBefore, notAfter);
    }

    public byte[] publicKeyBytes() {
        return Base64.getDecoder().decode(publicKey);
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && at.isBefore(notAfter);
    }
}
