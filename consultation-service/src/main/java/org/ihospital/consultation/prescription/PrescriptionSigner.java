package org.ihospital.consultation.prescription;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Doctors' signatures with the JDK alone: Ed25519 key pairs, signatures over canonical content, and the
 * private keys sealed with AES-256-GCM under the key-encryption key from configuration (the doctor's
 * key id is the additional authenticated data, so a sealed key cannot be swapped between doctors).
 */
public final class PrescriptionSigner {

    public static final String ALGORITHM = "Ed25519";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec keyEncryptionKey;

    /** @param keyEncryptionKey base64 of 32 random bytes */
    public PrescriptionSigner(String keyEncryptionKey) {
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

    /** A new key pair, its private half sealed. */
    SealedKey newKey(byte[] keyId) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, iv));
            aes.updateAAD(keyId);
            byte[] sealed = aes.doFinal(pair.getPrivate().getEncoded());
            return new SealedKey(pair.getPublic().getEncoded(), sealed, iv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a signing key", e);
        }
    }

    String sign(byte[] content, SealedKey key, byte[] keyId) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(128, key.iv()));
            aes.updateAAD(keyId);
            byte[] pkcs8 = aes.doFinal(key.sealedPrivateKey());
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Arrays.fill(pkcs8, (byte) 0);
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the doctor's key (wrong key-encryption key?)", e);
        }
    }

    static boolean verify(byte[] content, String signature, byte[] publicKey) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKey));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    record SealedKey(byte[] publicKey, byte[] sealedPrivateKey, byte[] iv) {
    }
}
