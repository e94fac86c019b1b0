package org.ihospital.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    @Test
    void knowsTheChronicCareDiagnoses() {
        assertThat(ReferenceData.icd10("I10")).get().extracting(ReferenceData.Icd10::titleEn).isEqualTo("Essential (primary) hypertension");
        assertThat(ReferenceData.icd10("E11.9")).get().extracting(ReferenceData.Icd10::titleZh).isEqualTo("2型糖尿病不伴有并发症");
        assertThat(ReferenceData.icd10("E78.5")).get().extracting(ReferenceData.Icd10::titleEn).isEqualTo("Hyperlipidaemia, unspecified");
        assertThat(ReferenceData.icd10("X99.9")).isEmpty();
        assertThat(ReferenceData.icd10("i10")).isEmpty();
        assertThat(ReferenceData.icd10Count()).isGreaterThan(50);
    }

    @Test
    void knowsTheDrugsWithTheirAtcClassAndBounds() {
        var amlodipine = ReferenceData.drug("AMLODIPINE-5MG-TAB").orElseThrow();
        assertThat(amlodipine.atc()).isEqualTo("C08CA01");
        assertThat(amlodipine.strength()).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(amlodipine.maxDailyUnits()).isEqualTo(2);
        assertThat(ReferenceData.drug("NO-SUCH-DRUG")).isEmpty();
        assertThat(ReferenceData.drugCount()).isGreaterThan(40);
    }

    @Test
    void findsDiagnosesByCodePrefixOrEitherTitle() {
        assertThat(ReferenceData.searchIcd10("i1", null, 100)).extracting(ReferenceData.Icd10::code)
                .contains("I10", "I11.9", "I12.9").allMatch(code -> code.startsWith("I1")).isSorted();
        assertThat(ReferenceData.searchIcd10("高血压", null, 100)).extracting(ReferenceData.Icd10::code)
                .contains("I10", "I11.9", "I12.9");
        assertThat(ReferenceData.searchIcd10(" HYPERTENSI ", null, 100)).extracting(ReferenceData.Icd10::code).contains("I10");
        assertThat(ReferenceData.searchIcd10("no such thing", null, 100)).isEmpty();
        assertThat(ReferenceData.searchIcd10(null, null, 1000)).hasSize(ReferenceData.icd10Count());
    }

    @Test
    void pagesAfterTheLastCodeSeen() {
        var first = ReferenceData.searchIcd10("", null, 10);
        var second = ReferenceData.searchIcd10("", first.get(9).code(), 10);
        assertThat(first).hasSize(10);
        assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
        assertThat(second.get(0).code()).isGreaterThan(first.get(9).code());
    }

    @Test
    void findsDrugsByCodeNameOrAtcClass() {
        assertThat(ReferenceData.searchDrugs("metformin", null, null, 100)).extracting(ReferenceData.Drug::code)
                .containsExactly("METFORMIN-500MG-TAB", "METFORMIN-ER-500MG-TAB");
        assertThat(ReferenceData.searchDrugs("二甲双胍", null, null, 100)).hasSize(2);
        assertThat(ReferenceData.searchDrugs(null, "c09ca", null, 100)).extracting(ReferenceData.Drug::atc)
                .isNotEmpty().allMatch(atc -> atc.startsWith("C09CA"));
        assertThat(ReferenceData.searchDrugs("valsartan", "C08", null, 100)).isEmpty();
        assertThat(ReferenceData.searchDrugs("amlo", null, null, 100)).extracting(ReferenceData.Drug::code).contains("AMLODIPINE-5MG-TAB");
    }

    @Test
    void readsQuotedFields() {
        assertThat(ReferenceData.fields("E03.9,\"Hypothyroidism, unspecified\",甲状腺功能减退症"))
                .containsExactly("E03.9", "Hypothyroidism, unspecified", "甲状腺功能减退症");
    }

    @Test
    void everyScreeningPairNamesDrugsOfTheDictionary() {
        assertThat(ReferenceData.drugPairs()).hasSizeGreaterThan(20).allSatisfy(pair -> {
            assertThat(ReferenceData.searchDrugs(null, pair.atcA(), null, 1)).as(pair.atcA()).isNotEmpty();
            assertThat(ReferenceData.searchDrugs(null, pair.atcB(), null, 1)).as(pair.atcB()).isNotEmpty();
            assertThat(pair.effectEn()).isNotBlank();
            assertThat(pair.effectZh()).isNotBlank();
        });
        assertThat(ReferenceData.allergyClasses()).allSatisfy(a ->
                assertThat(ReferenceData.searchDrugs(null, a.atcPrefix(), null, 1)).as(a.term()).isNotEmpty());
    }

    @Test
    void aPairMatchesItsTwoClassesInEitherOrder() {
        var dualBlockade = ReferenceData.drugPairs().stream().filter(p -> p.atcA().equals("C09AA") && p.atcB().equals("C09CA"))
                .findFirst().orElseThrow();
        assertThat(dualBlockade.kind()).isEqualTo(ReferenceData.PairKind.INTERACTION);
        assertThat(dualBlockade.severity()).isEqualTo(ReferenceData.Severity.MAJOR);
        assertThat(dualBlockade.effectEn()).contains("hyperkalaemia, hypotension");
        assertThat(dualBlockade.matches("C09AA02", "C09CA01")).isTrue();
        assertThat(dualBlockade.matches("C09CA01", "C09AA02")).isTrue();
        assertThat(dualBlockade.matches("C09CA01", "C09CA03")).isFalse();
    }

    @Test
    void theInsuranceCataloguePricesEveryDictionaryDrugOnce() {
        var catalogue = ReferenceData.insuranceCatalogue();
        assertThat(catalogue).hasSize(ReferenceData.drugCount()).allSatisfy(entry -> {
            assertThat(ReferenceData.drug(entry.drugCode())).as(entry.drugCode()).isPresent();
            assertThat(entry.catalogueClass()).isIn("A", "B", "C");
            assertThat(entry.unitPrice()).isPositive();
            assertThat(entry.quantityLimit()).isBetween(1, ReferenceData.drug(entry.drugCode()).orElseThrow().maxQuantity());
        });
    }
}
