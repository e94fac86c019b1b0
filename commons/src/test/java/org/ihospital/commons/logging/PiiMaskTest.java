package org.ihospital.commons.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskTest {

    @Test
    void masksAMobileNumberKeepingPrefixAndLastFour() {
        assertThat(PiiMask.mask("call 13812345678 now")).isEqualTo("call 138****5678 now");
        assertThat(PiiMask.mask("tel +86 138-1234-5678.")).isEqualTo("tel +86 138****5678.");
    }

    @Test
    void masksEighteenAndFifteenDigitIdCardNumbers() {
        assertThat(PiiMask.mask("id 11010119900307123X ok")).isEqualTo("id 110***********123X ok");
        assertThat(PiiMask.mask("id=110101900307123")).isEqualTo("id=110********7123");
    }

    @Test
    void masksNamesWhereTheyAreTheValueOfANameField() {
        assertThat(PiiMask.mask("name=张三丰, dept=cardiology")).isEqualTo("name=张**, dept=cardiology");
        assertThat(PiiMask.mask("{\"fullName\":\"Li Lei\",\"age\":3}")).isEqualTo("{\"fullName\":\"L*****\",\"age\":3}");
        assertThat(PiiMask.mask("patientName: Wang")).isEqualTo("patientName: W***");
    }

    @Test
    void leavesOrdinaryNumbersAndIdsAlone() {
        String text = "order 42 of 2026-11-25 for slot 3f2a1c9e-1111-4222-8333-944445555666 cost 12800 fen";
        assertThat(PiiMask.mask(text)).isEqualTo(text);
        assertThat(PiiMask.mask("trace 123456789012345678901234")).isEqualTo("trace 123456789012345678901234");
    }

    @Test
    void masksValuesForDisplay() {
        assertThat(PiiMask.phone("13812345678")).isEqualTo("138****5678");
        assertThat(PiiMask.idCard("11010119900307123X")).isEqualTo("110***********123X");
        assertThat(PiiMask.name("张三")).isEqualTo("张*");
        assertThat(PiiMask.name("𠀋明")).isEqualTo("𠀋*");
    }
}
