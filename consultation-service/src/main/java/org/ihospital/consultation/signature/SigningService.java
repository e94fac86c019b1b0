package org.ihospital.consultation.signature;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.signing.Sealer;
import org.ihospital.commons.signing.AttestedKey;
import org.ihospital.commons.signing.HospitalKey;
import org.ihospital.commons.signing.SignatureCheck;
import org.ihospital.consultation.infrastructure.ConsultationConfig;

import io.smallrye.mutiny.Uni;

/**
 * Doctors' signatures: each doctor's key (made on first use, replaced when its validity ends), signing
 * with it, and verification that trusts only the hospital's keys. Runs in the caller's session.
 */
@ApplicationScoped
public class SigningService {

    private final DoctorKeyRepository keys;
    private final Sealer sealer;
    private final HospitalSigner hospital;
    private final SignatureCheck check;
    private final ConsultationConfig.Signing config;
    private final Clock clock;

    public SigningService(DoctorKeyRepository keys, ConsultationConfig config, Clock clock) {
        this.keys = keys;
        this.config = config.signing();
        this.sealer = new Sealer(config.prescription().keyEncryptionKey());
        this.hospital = new HospitalSigner(this.config.hospitalKeyId(), this.config.hospitalPrivateKey(), this.config.trustedKeys());
        this.check = new SignatureCheck(hospital.trusted());
        this.clock = clock;
    }

    /** The doctor's current key, made (or renewed) when there is none valid now. */
    public Uni<SigningKey> signerFor(UUID doctor) {
        Instant now = clock.instant();
        return keys.activeOf(doctor).chain(active -> {
            if (active != null && active.usableAt(now)) {
                return Uni.createFrom().item(active);
            }
            if (active != null) {
                active.retire();
            }
            DoctorKey fresh = DoctorKey.create(doctor, now, config.doctorKeyValidity(), sealer, hospital);
            return keys.flush()
                    .chain(() -> keys.insertUnlessOneIsActive(fresh, fresh.publicKey(), fresh.sealedPrivateKey(), fresh.iv()))
                    .chain(() -> keys.activeOf(doctor));
        }).map(key -> new SigningKey(content -> key.sign(content, sealer), key.attested()));
    }

    /** The key with its attestation, as stored (null when there is no such key). */
    public Uni<AttestedKey> key(UUID keyId) {
        return keys.findById(keyId).map(k -> k == null ? null : k.attested());
    }

    /** Checks a doctor's signature over {@code content}, trusting the hospital's keys only. */
    public Uni<SignatureCheck.Result> verify(byte[] content, Signature signature, UUID doctor, Instant signedAt) {
        return key(signature.keyId()).map(key -> check.verify(content, signature.value(), key, doctor.toString(), signedAt));
    }

    /** The hospital's own signature over a statement (an audit checkpoint), and which of its keys made it. */
    public record HospitalSignature(String keyId, String value) {
    }

    public HospitalSignature signAsHospital(byte[] statement) {
        return new HospitalSignature(hospital.keyId(), hospital.sign(statement));
    }

    /** Whether {@code signature} over {@code statement} was made by the trusted hospital key {@code keyId}. */
    public boolean verifyHospitalSignature(byte[] statement, String keyId, String signature) {
        return check.signedByHospital(statement, keyId, signature);
    }

    /** The hospital's public keys, as published. */
    public List<HospitalKey> hospitalKeys() {
        return hospital.trusted();
    }
}
