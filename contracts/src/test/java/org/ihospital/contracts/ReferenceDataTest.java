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
    void readsQuotedFields() {
        assertThat(ReferenceData.fields("E03.9,\"Hypothyroidism, unspecified\",甲状腺功能减退症"))
                .containsExactly("E03.9", "Hypothyroidism, unspecified", "甲状腺功能减退症");
    }
}
