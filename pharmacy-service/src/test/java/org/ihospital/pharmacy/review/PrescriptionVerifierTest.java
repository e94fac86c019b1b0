package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.amlodipine;
import static org.ihospital.pharmacy.review.IssuedPrescriptions.prescription;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.ihospital.commons.testing.TestSigning;
import org.junit.jupiter.api.Test;

/** Pharmacy trusts what was signed, with a key the hospital attested, and nothing else of the event. */
class PrescriptionVerifierTest {

    private final PrescriptionVerifier verifier = new PrescriptionVerifier(TestSigning.trusted());

    @Test
    void aGenuinePrescriptionVerifiesAndIsReadFromWhatWasSigned() {
        var rx = prescription(amlodipine(), IssuedPrescriptions.line("METFORMIN-500MG-TAB", 60, "1", "BID", 30));
        var result = verifier.verify(rx.issued());
        assertThat(result.valid()).isTrue();
        assertThat(result.prescription().patientId()).isEqualTo(rx.patientId);
        assertThat(result.prescription().expiresAt()).isEqualTo(rx.expiresAt);
        assertThat(result.prescription().items()).extracting(SignedPrescription.Item::drugCode)
                .containsExactly("AMLODIPINE-5MG-TAB", "METFORMIN-500MG-TAB");
        assertThat(result.prescription().items().get(1).dose().frequency()).isEqualTo("BID");
    }

    @Test
    void anotherPrescriptionsSignedContentDoesNotVerifyThisOne() {
        var rx = prescription(amlodipine());
        var other = prescription(amlodipine()).issued();
        var result = verifier.verify(new PrescriptionIssued(rx.prescriptionId, other.signedContent(), other.signature(), other.signingKey(),
                java.util.List.of(), null, null));
        assertThat(result.reason()).isEqualTo("the signed content is another prescription");
    }

    @Test
    void aKeyOfAnotherDoctorDoesNotVerify() {
        var rx = prescription(amlodipine());
        rx.key = TestSigning.doctorKey(UUID.randomUUID().toString(), IssuedPrescriptions.KEY_FROM, IssuedPrescriptions.KEY_UNTIL);
        assertThat(verifier.verify(rx.issued()).reason()).isEqualTo("the signing key belongs to someone else");
    }

    @Test
    void aForgedKeyDoesNotVerify() {
        assertThat(verifier.verify(prescription(amlodipine()).forged().issued()).valid()).isFalse();
    }

    @Test
    void aSignedDocumentThatIsNoPrescriptionDoesNotVerify() {
        var rx = prescription(amlodipine());
        var key = TestSigning.doctorKey(rx.doctorId.toString(), IssuedPrescriptions.KEY_FROM, IssuedPrescriptions.KEY_UNTIL);
        byte[] content = ("{\"doctorId\":\"" + rx.doctorId + "\",\"issuedAt\":\"2026-11-25T08:00:00Z\",\"prescriptionId\":\""
                + rx.prescriptionId + "\"}").getBytes(StandardCharsets.UTF_8);
        var result = verifier.verify(new PrescriptionIssued(rx.prescriptionId, Base64.getEncoder().encodeToString(content), key.sign(content),
                key.attested(), java.util.List.of(), null, null));
        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo("the signed content is not a complete prescription");
    }

    @Test
    void garbageDoesNotVerify() {
        var rx = prescription(amlodipine());
        var issued = rx.issued();
        assertThat(verifier.verify(new PrescriptionIssued(rx.prescriptionId, "not base64!", "x", issued.signingKey(), java.util.List.of(), null, null))
                .valid()).isFalse();
    }
}
