package org.ihospital.commons.signing;

import java.util.Base64;
import java.util.Objects;

/** One of the hospital's own public keys, which vouch for signers' keys; published as a JWK. */
public record HospitalKey(String keyId, byte[] publicKey) {

    public HospitalKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** {@code kid:base64-of-X.509}, the form configuration gives trusted keys in. */
    public static HospitalKey parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a trusted hospital key is written kid:base64-of-X.509-public-key");
        }
        return new HospitalKey(entry.substring(0, colon).trim(), Base64.getDecoder().decode(entry.substring(colon + 1).trim()));
    }

    /** The key as a JSON Web Key (RFC 8037: OKP, Ed25519). */
    public java.util.Map<String, String> jwk() {
        return java.util.Map.of("kty", "OKP", "crv", "Ed25519", "alg", "EdDSA", "use", "sig", "kid", keyId,
                "x", Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(publicKey)));
    }
}
