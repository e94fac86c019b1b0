package org.ihospital.consultation.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.signing.SignatureCheck;
import org.ihospital.commons.testing.TestSigning;
import org.ihospital.consultation.signature.Signature;
import org.ihospital.consultation.signature.SigningKey;
import org.junit.jupiter.api.Test;

/** A prescription signs its own canonical content, records its events, and is dispensed at most once. */
class PrescriptionRulesTest {

    private static final Instant ISSUED = Instant.parse("2026-11-25T02:00:00.123456Z");
    private static final UUID DOCTOR = UUID.randomUUID();
    private static final TestSigning.DoctorKey KEY = TestSigning.doctorKey(DOCTOR.toString(), ISSUED.minus(Duration.ofDays(1)),
            ISSUED.plus(Duration.ofDays(365)));

    private static SigningKey signingKey() {
        UUID keyId = UUID.fromString(KEY.attested().keyId());
        return new SigningKey(content -> new Signature(keyId, KEY.sign(content)), KEY.attested());
    }

    private static Prescription issue() {
        var items = PrescriptionItem.allOf(List.of(new PrescriptionItem.Requested("AMLODIPINE-5MG-TAB", 30,
                new Dosage(new BigDecimal("1.0"), Dosage.Frequency.QD, 30), "after breakfast")));
        return Prescription.issue(
                new Prescription.Patient(UUID.randomUUID(), UUID.randomUUID(), "patient-account-sub", "310104",
                        List.of(new PrescriptionEvents.Allergy("penicillin", "SEVERE"))),
                new Prescription.Prescriber(DOCTOR, "LIC0000001"), new Prescription.Treatment(List.of("I10"), items),
                new Prescription.Validity(ISSUED, ISSUED.plus(Duration.ofDays(3))), signingKey());
    }

    @Test
    void anIssuedPrescriptionCarriesAVerifiableSignatureOverItsCanonicalContent() {
        Prescription p = issue();
        var check = new SignatureCheck(TestSigning.trusted());
        assertThat(check.verify(p.signedContent(), p.signature().value(), KEY.attested(), DOCTOR.toString(), ISSUED).valid()).isTrue();
        String content = new String(p.signedContent(), StandardCharsets.UTF_8);
        assertThat(content).as("RFC 8785: keys sorted, decimals as plain strings, times to the microsecond")
                .startsWith("{\"consultationId\":").contains("\"amount\":\"1\"", "\"issuedAt\":\"2026-11-25T02:00:00.123456Z\"");
    }

    @Test
    void issuingRecordsTheIssuedEventWithWhatWasSigned() {
        Prescription p = issue();
        var events = p.drainEvents();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type().toString()).isEqualTo("hospital.prescription.issued.v1");
            assertThat(e.subject()).isEqualTo(p.id().toString());
            var issued = (PrescriptionEvents.PrescriptionIssued) e.data();
            assertThat(Base64.getDecoder().decode(issued.signedContent())).isEqualTo(p.signedContent());
            assertThat(issued.signingKey()).isEqualTo(KEY.attested());
            assertThat(issued.allergies()).extracting(PrescriptionEvents.Allergy::substance).containsExactly("penicillin");
        });
    }

    @Test
    void aRevocationIsRequestedOnceAndRevokesOnlyWhenPharmacyConfirms() {
        Prescription p = issue();
        p.drainEvents();
        p.requestRevocation("blood pressure too low at home", ISSUED.plusSeconds(60));
        assertThat(p.status()).isEqualTo(Prescription.Status.REVOCATION_REQUESTED);
        assertThat(p.drainEvents()).extracting(e -> e.type().name()).containsExactly("prescription.revocation-requested");
        assertThatThrownBy(() -> p.requestRevocation("again", ISSUED.plusSeconds(120))).isInstanceOf(PrescriptionProblems.NotRevocable.class);

        assertThat(p.revocationConfirmed(ISSUED.plusSeconds(90))).isTrue();
        assertThat(p.status()).isEqualTo(Prescription.Status.REVOKED);
        assertThat(p.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.type().name()).isEqualTo("prescription.revoked");
            assertThat(((PrescriptionEvents.PrescriptionRevoked) e.data()).reason()).isEqualTo("blood pressure too low at home");
        });
        assertThat(p.revocationConfirmed(ISSUED.plusSeconds(95))).as("a repeat").isFalse();
        assertThat(p.drainEvents()).isEmpty();
        assertThat(p.dispensed()).as("a revoked prescription is never dispensed").isFalse();
    }

    @Test
    void aRefusedRevocationLetsThePrescriptionStandAndItMayBeDispensedMeanwhile() {
        Prescription p = issue();
        p.requestRevocation("changed my mind", ISSUED.plusSeconds(60));
        assertThat(p.revocationRefused()).isTrue();
        assertThat(p.status()).isEqualTo(Prescription.Status.ISSUED);

        Prescription racing = issue();
        racing.requestRevocation("changed my mind", ISSUED.plusSeconds(60));
        assertThat(racing.dispensed()).as("the partner dispensed before the cancellation reached it").isTrue();
        assertThat(racing.revocationRefused()).isFalse();
        assertThat(racing.revocationConfirmed(ISSUED.plusSeconds(90))).isFalse();
        assertThat(racing.status()).isEqualTo(Prescription.Status.DISPENSED);
    }

    @Test
    void aDispensedPrescriptionIsNeverDispensedAgainNorRevokedNorExpired() {
        Prescription p = issue();
        assertThat(p.dispensed()).isTrue();
        assertThat(p.dispensed()).isFalse();
        assertThatThrownBy(() -> p.requestRevocation("late", ISSUED.plusSeconds(60))).isInstanceOf(PrescriptionProblems.NotRevocable.class);
        assertThat(p.expire(ISSUED.plus(Duration.ofDays(4)))).isFalse();
    }

    @Test
    void itExpiresAtTheEndOfItsValidityNotBefore() {
        Prescription p = issue();
        p.drainEvents();
        assertThat(p.expire(ISSUED.plus(Duration.ofDays(3)).minusNanos(1000))).isFalse();
        assertThat(p.expire(ISSUED.plus(Duration.ofDays(3)))).isTrue();
        assertThat(p.drainEvents()).extracting(e -> e.type().name()).containsExactly("prescription.expired");
    }
}
