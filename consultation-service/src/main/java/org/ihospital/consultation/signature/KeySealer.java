package org.ihospital.consultation.signature;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals doctors' private keys with AES-256-GCM under the key-encryption key from configuration, which
 * never enters the database. The key's id is the additional authenticated data, so a sealed private
 * key cannot be moved to another key row.
 */
final class KeySealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec keyEncryptionKey;

    /** @param keyEncryptionKey base64 of 32 random bytes */
    KeySealer(String keyEncryptionKey) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(keyEncryptionKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key-encryption key must be base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256), not " + raw.length);
        }
        this.keyEncryptionKey = new SecretKeySpec(raw, "AES");
    }

    record Sealed(byte[] iv, byte[] ciphertext) {
    }

    Sealed seal(UUID keyId, byte[] pkcs8) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, iv));
            aes.updateAAD(bytes(keyId));
            return new Sealed(iv, aes.doFinal(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a signing key", e);
        }
    }

    byte[] unseal(UUID keyId, Sealed sealed) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, sealed.iv()));
            aes.updateAAD(bytes(keyId));
            return aes.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unseal the doctor's key (wrong key-encryption key?)", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
