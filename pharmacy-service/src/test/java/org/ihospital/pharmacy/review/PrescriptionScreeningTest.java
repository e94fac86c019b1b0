package org.ihospital.pharmacy.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ihospital.contracts.ReferenceData;
import org.ihospital.contracts.ReferenceData.Severity;
import org.ihospital.pharmacy.review.Finding.Kind;
import org.junit.jupiter.api.Test;

/** The automatic screening a pharmacist sees with each review, rule by rule. */
class PrescriptionScreeningTest {

    private static ReviewItem item(String drugCode, String amount, String frequency) {
        var drug = ReferenceData.drug(drugCode);
        return new ReviewItem(0, drugCode, drug.map(ReferenceData.Drug::genericName).orElse("mystery"),
                drug.map(ReferenceData.Drug::atc).orElse("Z99ZZ99"), 30, new BigDecimal(amount), frequency, 30);
    }

    private static List<ReviewItem> items(ReviewItem... items) {
        List<ReviewItem> numbered = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            ReviewItem it = items[i];
            numbered.add(new ReviewItem(i + 1, it.drugCode(), it.genericName(), it.atc(), it.quantity(), it.doseAmount(), it.frequency(),
                    it.days()));
        }
        return numbered;
    }

    private static List<Finding> screen(List<ReviewItem> items, PatientAllergy... allergies) {
        return PrescriptionScreening.screen(items, List.of(allergies));
    }

    @Test
    void anOrdinaryChronicPrescriptionHasNoFindings() {
        assertThat(screen(items(item("AMLODIPINE-5MG-TAB", "1", "QD"), item("METFORMIN-500MG-TAB", "1", "TID"),
                item("ATORVASTATIN-20MG-TAB", "1", "QN")))).isEmpty();
    }

    @Test
    void anAceInhibitorWithAnArbIsAMajorInteraction() {
        var findings = screen(items(item("ENALAPRIL-10MG-TAB", "1", "BID"), item("LOSARTAN-50MG-TAB", "1", "QD")));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.INTERACTION);
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.lineNumbers()).containsExactly(1, 2);
            assertThat(f.detail()).contains("enalapril", "losartan", "dual renin-angiotensin blockade");
        });
    }

    @Test
    void warfarinWithAspirinIsAMajorInteractionInEitherOrder() {
        var findings = screen(items(item("ASPIRIN-EC-100MG-TAB", "1", "QD"), item("WARFARIN-3MG-TAB", "1", "QD")));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.INTERACTION);
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.lineNumbers()).containsExactly(1, 2);
        });
    }

    @Test
    void twoPreparationsOfOneClassAreDuplicateTherapy() {
        assertThat(screen(items(item("METFORMIN-500MG-TAB", "1", "BID"), item("METFORMIN-ER-500MG-TAB", "1", "QD"))))
                .singleElement().extracting(Finding::kind).isEqualTo(Kind.DUPLICATE_THERAPY);
        assertThat(screen(items(item("GLICLAZIDE-MR-30MG-TAB", "1", "QD"), item("GLIMEPIRIDE-2MG-TAB", "1", "QD"))))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.MAJOR);
    }

    @Test
    void aPenicillinAllergyFlagsAmoxicillinAndCrossReactsWithCephalosporins() {
        var findings = screen(items(item("AMOXICILLIN-500MG-CAP", "1", "TID"), item("CEFUROXIME-250MG-TAB", "1", "BID")),
                new PatientAllergy("Penicillin", "SEVERE"));
        assertThat(findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ALLERGY);
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
        });
        assertThat(findings.get(1).detail()).contains("cross-reactive");
        assertThat(findings.get(1).lineNumbers()).containsExactly(2);
    }

    @Test
    void anAllergyRecordedAsAGenericNameAnAtcPrefixOrAChineseNameIsFound() {
        assertThat(screen(items(item("AMLODIPINE-5MG-TAB", "1", "QD")), new PatientAllergy("amlodipine", "MILD")))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.MINOR);
        assertThat(screen(items(item("LOSARTAN-50MG-TAB", "1", "QD")), new PatientAllergy("c09", "MODERATE")))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.MODERATE);
        assertThat(screen(items(item("ASPIRIN-EC-100MG-TAB", "1", "QD")), new PatientAllergy("阿司匹林", "SEVERE")))
                .singleElement().extracting(Finding::kind).isEqualTo(Kind.ALLERGY);
        assertThat(screen(items(item("HCTZ-25MG-TAB", "1", "QD")), new PatientAllergy("sulfonamide antibiotics", "SEVERE")))
                .singleElement().extracting(Finding::detail).asString().contains("cross-reactive");
    }

    @Test
    void anUnrelatedAllergenOrAStrayLetterFlagsNothing() {
        var everyday = items(item("AMLODIPINE-5MG-TAB", "1", "QD"), item("METFORMIN-500MG-TAB", "1", "BID"));
        assertThat(screen(everyday, new PatientAllergy("pollen", "SEVERE"), new PatientAllergy("a", "SEVERE"),
                new PatientAllergy("  ", "SEVERE"), new PatientAllergy("花", "MILD"))).isEmpty();
    }

    @Test
    void aDoseAboveTheDictionarysDailyMaximumIsMajor() {
        // amlodipine: at most 2 tablets a day
        assertThat(screen(items(item("AMLODIPINE-5MG-TAB", "2", "BID")))).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DOSE_ABOVE_MAXIMUM);
            assertThat(f.detail()).contains("4 tablet(s) a day", "maximum of 2");
        });
        assertThat(screen(items(item("AMLODIPINE-5MG-TAB", "2", "QD")))).isEmpty();
        // alendronate once a week stays within one a day
        assertThat(screen(items(item("ALENDRONATE-70MG-TAB", "1", "QW")))).isEmpty();
        // as needed counts as three takes
        assertThat(screen(items(item("NITROGLYCERIN-0.5MG-TAB", "2", "PRN")))).isEmpty();
        assertThat(screen(items(item("NITROGLYCERIN-0.5MG-TAB", "3", "PRN")))).extracting(Finding::kind)
                .containsExactly(Kind.DOSE_ABOVE_MAXIMUM);
    }

    @Test
    void aDrugTheDictionaryDoesNotKnowCannotBeCheckedAndSaysSo() {
        assertThat(screen(items(item("NO-SUCH-DRUG", "1", "QD")))).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNKNOWN_DRUG);
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
        });
    }
}
