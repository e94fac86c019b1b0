package org.ihospital.insurance.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome;
import org.hl7.fhir.r4.model.Money;
import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.claim.ClaimLine;
import org.ihospital.insurance.claim.ClaimService.ClaimView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims as FHIR R4 Claims and ClaimResponses, each judged by HAPI's validator: no error. Tolerated warnings,
 * and nothing else: the hospital's drug dictionary and ATC cannot be looked up without a terminology server,
 * and the views carry no narrative (dom-6, a best practice; ADR 0025).
 */
class ClaimFhirMappingTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:30:00Z");
    private static FhirValidation validation;

    @BeforeAll
    static void validator() {
        validation = new FhirValidation();
    }

    private static void valid(IBaseResource resource) {
        assertThat(validation.findings(resource, org.ihospital.commons.fhir.Fhir.DRUG_DICTIONARY, org.ihospital.commons.fhir.Fhir.ATC)).as(resource.fhirType()).isEmpty();
    }

    /** docs/insurance.md's claim C2: 270.00, 27.00 self-pay first, 200.00 deductible, 34.40 by basic insurance. */
    private static ClaimView claim(String status, boolean held) {
        ClaimLine line = new ClaimLine(1, "SITAGLIPTIN-100MG-TAB", "A10BH01", 90, CatalogueClass.B, 300L, 27_000L, 2_700L, 20_000L, 3_440L, 0,
                23_560L);
        ClaimLine unpriced = new ClaimLine(2, "UNKNOWN-DRUG", "V99ZZ99", 10, null, null, null, 0, 0, 0, 0, null);
        return new ClaimView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), status, held, 27_000L, 3_440L, 0, 23_560L,
                "REJECTED".equals(status) ? "UNKNOWN-DRUG is not in the catalogue" : null,
                "REJECTED".equals(status) ? List.of(line, unpriced) : List.of(line), List.of(), List.of(), AT, AT.plusSeconds(5), null, null);
    }

    @Test
    void fenBecomeYuanExactlyInCny() {
        assertThat(ClaimMapping.cny(27_000L)).satisfies(m -> {
            assertThat(m.getValue()).isEqualByComparingTo("270.00");
            assertThat(m.getValue().scale()).isEqualTo(2);
            assertThat(m.getCurrency()).isEqualTo("CNY");
        });
        assertThat(ClaimMapping.cny(1L).getValue().toPlainString()).isEqualTo("0.01");
        assertThat(ClaimMapping.cny(Long.MAX_VALUE).getValue().toPlainString()).isEqualTo("92233720368547758.07");
    }

    @Test
    void aClaimIsAPharmacyClaimForThePrescriptionWithItsLinesPriced() {
        for (String status : List.of("ADJUDICATED", "REJECTED", "SETTLED", "VOIDED")) {
            Claim claim = ClaimMapping.of(claim(status, false));
            assertThat(claim.getTotal().getValue()).isEqualByComparingTo("270.00");
            assertThat(claim.getStatus()).isEqualTo("VOIDED".equals(status) ? Claim.ClaimStatus.CANCELLED : Claim.ClaimStatus.ACTIVE);
            assertThat(claim.getItemFirstRep().getNet().getValue()).isEqualByComparingTo("270.00");
            assertThat(claim.getItemFirstRep().getUnitPrice().getValue()).isEqualByComparingTo("3.00");
            valid(claim);
        }
    }

    @Test
    void aClaimResponseSaysWhoPaysWhatAndHowItEnded() {
        ClaimResponse adjudicated = ClaimResponseMapping.of(claim("ADJUDICATED", false));
        assertThat(adjudicated.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
        assertThat(adjudicated.getTotal()).extracting(t -> t.getCategory().getCodingFirstRep().getCode(), t -> t.getAmount().getValue().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("submitted", "270.00"), org.assertj.core.groups.Tuple.tuple("benefit", "34.40"),
                        org.assertj.core.groups.Tuple.tuple("copay", "235.60"));
        assertThat(adjudicated.getTotal()).extracting(t -> t.getAmount()).extracting(Money::getCurrency).containsOnly("CNY");
        valid(adjudicated);
        ClaimResponse held = ClaimResponseMapping.of(claim("ADJUDICATED", true));
        assertThat(held.getOutcome()).isEqualTo(RemittanceOutcome.QUEUED);
        valid(held);
        ClaimResponse rejected = ClaimResponseMapping.of(claim("REJECTED", false));
        assertThat(rejected.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
        assertThat(rejected.getDisposition()).contains("not in the catalogue");
        valid(rejected);
        valid(ClaimResponseMapping.of(claim("SETTLED", false)));
        valid(ClaimResponseMapping.of(claim("VOIDED", false)));
    }
}
