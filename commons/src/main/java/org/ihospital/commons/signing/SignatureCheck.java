package org.ihospital.commons.signing;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Checks a signed document the way a pharmacy or an auditor would, trusting only the hospital's keys:
 * the signing key must be attested by a hospital key, belong to the expected signer, and be valid at
 * the time the document says it was signed; then the signature must hold over the content.
 */
public final class SignatureCheck {

    /** The verdict, with the first reason it failed. */
    public record Result(boolean valid, String reason) {
        static final Result VALID = new Result(true, null);

        static Result invalid(String reason) {
            return new Result(false, reason);
        }
    }

    private final Collection<HospitalKey> trusted;

    public SignatureCheck(Collection<HospitalKey> trusted) {
        this.trusted = java.util.List.copyOf(trusted);
    }

    /**
     * @param content   the canonical content that was signed
     * @param signature base64 Ed25519 signature over {@code content}
     * @param key       the signing key with its attestation
     * @param signer    who must have signed (e.g. the prescribing doctor's id)
     * @param signedAt  when the document says it was signed
     */
    public Result verify(byte[] content, String signature, AttestedKey key, String signer, Instant signedAt) {
        if (key == null) {
            return Result.invalid("no signing key");
        }
        HospitalKey attester = hospitalKey(key.attestedBy());
        if (attester == null || key.attestation() == null) {
            return Result.invalid("the signing key is not attested by a hospital key");
        }
        if (!Ed25519.verify(key.statement(), key.attestation(), attester.publicKey())) {
            return Result.invalid("the signing key's attestation does not hold");
        }
        if (!Objects.equals(key.owner(), signer)) {
            return Result.invalid("the signing key belongs to someone else");
        }
        if (signedAt == null || !key.validAt(signedAt)) {
            return Result.invalid("the signing key was not valid when the document was signed");
        }
        if (!Ed25519.verify(content, signature, key.publicKeyBytes())) {
            return Result.invalid("the signature does not match the content");
        }
        return Result.VALID;
    }

    /** Whether {@code signature} over {@code statement} was made by the trusted hospital key {@code keyId}. */
    public boolean signedByHospital(byte[] statement, String keyId, String signature) {
        HospitalKey key = hospitalKey(keyId);
        return key != null && Ed25519.verify(statement, signature, key.publicKey());
    }

    private HospitalKey hospitalKey(String keyId) {
        return trusted.stream().filter(t -> t.keyId().equals(keyId)).findFirst().orElse(null);
    }
}
