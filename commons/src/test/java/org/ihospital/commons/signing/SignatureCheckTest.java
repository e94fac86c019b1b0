package org.ihospital.commons.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.ihospital.commons.testing.TestSigning;
import org.junit.jupiter.api.Test;

/** A signed document verifies only with a key the hospital attested, for its signer, at its time, over its content. */
class SignatureCheckTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant SIGNED = Instant.parse("2026-11-25T08:00:00Z");
    private static final String DOCTOR = UUID.randomUUID().toString();
    private static final byte[] CONTENT = "{\"prescriptionId\":\"p-1\",\"quantity\":30}".getBytes(StandardCharsets.UTF_8);

    private final SignatureCheck check = new SignatureCheck(TestSigning.trusted());

    @Test
    void aGenuineSignatureVerifies() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        assertThat(check.verify(CONTENT, key.sign(CONTENT), key.attested(), DOCTOR, SIGNED).valid()).isTrue();
    }

    @Test
    void alteredContentDoesNotVerify() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        byte[] altered = "{\"prescriptionId\":\"p-1\",\"quantity\":300}".getBytes(StandardCharsets.UTF_8);
        assertThat(check.verify(altered, key.sign(CONTENT), key.attested(), DOCTOR, SIGNED).reason())
                .isEqualTo("the signature does not match the content");
    }

    @Test
    void aSubstitutedKeyWithoutTheHospitalsAttestationDoesNotVerify() {
        var forged = TestSigning.doctorKey(DOCTOR, FROM, UNTIL, TestSigning.strangerPrivateKey());
        var result = check.verify(CONTENT, forged.sign(CONTENT), forged.attested(), DOCTOR, SIGNED);
        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo("the signing key's attestation does not hold");
    }

    @Test
    void aKeyWhoseAttestedFieldsWereChangedDoesNotVerify() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        var a = key.attested();
        var stretched = new AttestedKey(a.keyId(), a.owner(), a.publicKey(), a.notBefore(), Instant.parse("2099-01-01T00:00:00Z"),
                a.attestation(), a.attestedBy());
        assertThat(check.verify(CONTENT, key.sign(CONTENT), stretched, DOCTOR, SIGNED).valid()).isFalse();
    }

    @Test
    void anotherDoctorsKeyDoesNotVerify() {
        var key = TestSigning.doctorKey(UUID.randomUUID().toString(), FROM, UNTIL);
        assertThat(check.verify(CONTENT, key.sign(CONTENT), key.attested(), DOCTOR, SIGNED).reason())
                .isEqualTo("the signing key belongs to someone else");
    }

    @Test
    void anExpiredOrNotYetValidKeyDoesNotVerify() {
        var expired = TestSigning.doctorKey(DOCTOR, FROM, SIGNED);
        assertThat(check.verify(CONTENT, expired.sign(CONTENT), expired.attested(), DOCTOR, SIGNED).reason())
                .isEqualTo("the signing key was not valid when the document was signed");
        var future = TestSigning.doctorKey(DOCTOR, SIGNED.plusSeconds(1), UNTIL);
        assertThat(check.verify(CONTENT, future.sign(CONTENT), future.attested(), DOCTOR, SIGNED).valid()).isFalse();
    }

    @Test
    void aKeyAttestedByAnUnknownHospitalKeyDoesNotVerify() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        var a = key.attested();
        var unknown = new AttestedKey(a.keyId(), a.owner(), a.publicKey(), a.notBefore(), a.notAfter(), a.attestation(), "other-hospital");
        assertThat(check.verify(CONTENT, key.sign(CONTENT), unknown, DOCTOR, SIGNED).reason())
                .isEqualTo("the signing key is not attested by a hospital key");
        assertThat(check.verify(CONTENT, key.sign(CONTENT), null, DOCTOR, SIGNED).valid()).isFalse();
    }

    @Test
    void aStatementIsSignedByTheHospitalOnlyWithATrustedKeyOverItsOwnBytes() {
        byte[] hospitalKey = java.util.Base64.getDecoder().decode(TestSigning.HOSPITAL_PRIVATE_KEY);
        String signature = Ed25519.sign(CONTENT, hospitalKey);
        assertThat(check.signedByHospital(CONTENT, TestSigning.HOSPITAL_KEY_ID, signature)).isTrue();
        assertThat(check.signedByHospital(CONTENT, "another-hospital-key", signature)).isFalse();
        assertThat(check.signedByHospital("{}".getBytes(StandardCharsets.UTF_8), TestSigning.HOSPITAL_KEY_ID, signature)).isFalse();
        String stranger = Ed25519.sign(CONTENT, java.util.Base64.getDecoder().decode(TestSigning.strangerPrivateKey()));
        assertThat(check.signedByHospital(CONTENT, TestSigning.HOSPITAL_KEY_ID, stranger)).isFalse();
    }
}
