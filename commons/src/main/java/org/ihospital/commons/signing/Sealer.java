package org.ihospital.commons.signing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that a service must read back (doctors' private keys, partners' webhook secrets) with
 * AES-256-GCM under a key-encryption key from configuration, which never enters the database. The
 * owning row's id is the additional authenticated data, so a sealed secret cannot be moved to another row.
 */
public final class Sealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec keyEncryptionKey;

    /** @param keyEncryptionKey base64 of 32 random bytes */
    public Sealer(String keyEncryptionKey) {
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

    public record Sealed(byte[] iv, byte[] ciphertext) {
    }

    public Sealed seal(UUID owner, byte[] secret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, iv));
            aes.updateAAD(bytes(owner));
            return new Sealed(iv, aes.doFinal(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    public byte[] unseal(UUID owner, Sealed sealed) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, sealed.iv()));
            aes.updateAAD(bytes(owner));
            return aes.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unseal a secret (wrong key-encryption key, or moved to another row?)", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
