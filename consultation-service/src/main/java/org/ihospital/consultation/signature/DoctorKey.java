package org.ihospital.consultation.signature;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.commons.signing.Sealer;
import org.ihospital.commons.signing.AttestedKey;
import org.ihospital.commons.signing.Ed25519;

/**
 * A doctor's signing key. The private half is stored sealed ({@link Sealer}); the public half is
 * bound to the doctor and a validity period by the hospital's attestation, so a key row written into the
 * database by anyone but the hospital never verifies.
 */
@Entity
@Table(name = "doctor_key")
public class DoctorKey {

    @Id
    private UUID id;
    @Column(name = "doctor_id")
    private UUID doctorId;
    private String algorithm;
    @Column(name = "public_key")
    private byte[] publicKey;
    @Column(name = "private_key_encrypted")
    private byte[] privateKeyEncrypted;
    private byte[] iv;
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "not_before")
    private Instant notBefore;
    @Column(name = "not_after")
    private Instant notAfter;
    private String attestation;
    @Column(name = "attested_by")
    private String attestedBy;

    protected DoctorKey() {
    }

    /** A new key pair for the doctor, valid from now for {@code validity}, sealed and attested by the hospital. */
    static DoctorKey create(UUID doctorId, Instant now, Duration validity, Sealer sealer, HospitalSigner hospital) {
        KeyPair pair = Ed25519.generate();
        DoctorKey key = new DoctorKey();
        key.id = UUID.randomUUID();
        key.doctorId = doctorId;
        key.algorithm = Ed25519.ALGORITHM;
        key.publicKey = pair.getPublic().getEncoded();
        Sealer.Sealed sealed = sealer.seal(key.id, pair.getPrivate().getEncoded());
        key.privateKeyEncrypted = sealed.ciphertext();
        key.iv = sealed.iv();
        key.active = true;
        key.createdAt = now;
        key.notBefore = now.truncatedTo(ChronoUnit.MICROS);
        key.notAfter = key.notBefore.plus(validity);
        key.attestedBy = hospital.keyId();
        key.attestation = hospital.sign(AttestedKey.statement(key.id.toString(), doctorId.toString(), key.publicKeyBase64(),
                key.notBefore, key.notAfter));
        return key;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] sealedPrivateKey() {
        return privateKeyEncrypted.clone();
    }

    byte[] iv() {
        return iv.clone();
    }

    boolean usableAt(Instant at) {
        return active && !at.isBefore(notBefore) && at.isBefore(notAfter);
    }

    void retire() {
        active = false;
    }

    /** Signs with this key; the private key exists in clear only for the signature. */
    Signature sign(byte[] content, Sealer sealer) {
        return new Signature(id, Ed25519.sign(content, sealer.unseal(id, new Sealer.Sealed(iv, privateKeyEncrypted))));
    }

    public AttestedKey attested() {
        return new AttestedKey(id.toString(), doctorId.toString(), publicKeyBase64(), notBefore, notAfter, attestation, attestedBy);
    }

    private String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    public UUID id() {
        return id;
    }

    public UUID doctorId() {
        return doctorId;
    }
}
