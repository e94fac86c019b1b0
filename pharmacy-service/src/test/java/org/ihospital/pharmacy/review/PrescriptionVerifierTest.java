package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.ihospital.commons.testing.TestSigning;
import org.junit.jupiter.api.Test;

/** Pharmacy trusts what was signed, with a key the hospital attested, and nothing else of the event. */
class PrescriptionVerifierTest {

    private static final UUID PRESCRIPTION = UUID.randomUUID();
    private static final String DOCTOR = UUID.randomUUID().toString();
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");

    private final PrescriptionVerifier verifier = new PrescriptionVerifier(TestSigning.trusted());

    private static byte[] content(UUID prescription, String doctor) {
        return ("{\"doctorId\":\"" + doctor + "\",\"issuedAt\":\"2026-11-25T08:00:00Z\",\"prescriptionId\":\"" + prescription + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static PrescriptionIssued issued(UUID prescription, byte[] content, TestSigning.DoctorKey key) {
        return new PrescriptionIssued(prescription, Base64.getEncoder().encodeToString(content), key.sign(content), key.attested());
    }

    @Test
    void aGenuinePrescriptionVerifies() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        assertThat(verifier.verify(issued(PRESCRIPTION, content(PRESCRIPTION, DOCTOR), key)).valid()).isTrue();
    }

    @Test
    void anotherPrescriptionsSignedContentDoesNotVerifyThisOne() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        var result = verifier.verify(issued(PRESCRIPTION, content(UUID.randomUUID(), DOCTOR), key));
        assertThat(result.reason()).isEqualTo("the signed content is another prescription");
    }

    @Test
    void aKeyOfAnotherDoctorDoesNotVerify() {
        var key = TestSigning.doctorKey(UUID.randomUUID().toString(), FROM, UNTIL);
        assertThat(verifier.verify(issued(PRESCRIPTION, content(PRESCRIPTION, DOCTOR), key)).reason())
                .isEqualTo("the signing key belongs to someone else");
    }

    @Test
    void aForgedKeyDoesNotVerify() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL, TestSigning.strangerPrivateKey());
        assertThat(verifier.verify(issued(PRESCRIPTION, content(PRESCRIPTION, DOCTOR), key)).valid()).isFalse();
    }

    @Test
    void garbageDoesNotVerify() {
        var key = TestSigning.doctorKey(DOCTOR, FROM, UNTIL);
        assertThat(verifier.verify(new PrescriptionIssued(PRESCRIPTION, "not base64!", "x", key.attested())).valid()).isFalse();
    }
}
