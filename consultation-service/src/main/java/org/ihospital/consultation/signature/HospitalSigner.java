package org.ihospital.consultation.signature;

import java.util.Base64;
import java.util.List;

import org.ihospital.commons.signing.Ed25519;
import org.ihospital.commons.signing.HospitalKey;

/**
 * The hospital's own key, from configuration (never the database): it attests doctors' keys. The
 * trusted keys are what verification accepts and what is published as JWKS: the current one, and
 * earlier ones during a rotation.
 */
final class HospitalSigner {

    private final String keyId;
    private final byte[] privateKey;
    private final List<HospitalKey> trusted;

    HospitalSigner(String keyId, String privateKeyBase64, List<String> trustedKeys) {
        this.keyId = keyId;
        this.privateKey = Base64.getDecoder().decode(privateKeyBase64.trim());
        this.trusted = trustedKeys.stream().map(HospitalKey::parse).toList();
        if (trusted.stream().noneMatch(k -> k.keyId().equals(keyId))) {
            throw new IllegalArgumentException("the hospital key " + keyId + " must be among hospital.signing.trusted-keys");
        }
    }

    String keyId() {
        return keyId;
    }

    String sign(byte[] statement) {
        return Ed25519.sign(statement, privateKey.clone());
    }

    List<HospitalKey> trusted() {
        return trusted;
    }
}
