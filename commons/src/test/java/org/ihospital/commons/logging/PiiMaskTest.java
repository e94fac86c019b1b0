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

    @Test
    void masksNamesAfterChineseLabelsWithFullWidthOrAsciiColons() {
        assertThat(PiiMask.mask("姓名：张三，性别：男")).isEqualTo("姓名：张*，性别：男");
        assertThat(PiiMask.mask("姓名:张三丰")).isEqualTo("姓名:张**");
        assertThat(PiiMask.mask("患者：欧阳娜娜 已到诊")).isEqualTo("患者：欧*** 已到诊");
        assertThat(PiiMask.mask("紧急联系人： 王五;")).isEqualTo("紧急联系人： 王*;");
        assertThat(PiiMask.mask("就诊人=阿卜杜·热合曼")).isEqualTo("就诊人=阿******");
        assertThat(PiiMask.mask("{\"姓名\":\"李四\"}")).isEqualTo("{\"姓名\":\"李*\"}");
        assertThat(PiiMask.mask("患者：Li Lei，复诊")).isEqualTo("患者：L*****，复诊");
    }

    @Test
    void leavesWhatFollowsAPatientLabelAloneWhenItIsNoName() {
        String text = "患者：3f2a1c9e-1111-4222-8333-944445555666 已退款";
        assertThat(PiiMask.mask(text)).isEqualTo(text);
        assertThat(PiiMask.mask("患者：f3a2c9e1 已退款")).isEqualTo("患者：f3a2c9e1 已退款");
    }

    @Test
    void masksDisplayNamesInARecordsToString() {
        assertThat(PiiMask.mask("Visit[id=7, displayName=欧阳娜娜, roles=[patient]]"))
                .isEqualTo("Visit[id=7, displayName=欧***, roles=[patient]]");
        assertThat(PiiMask.mask("Booking[patientDisplayName=张三, nickName=小明, guardian_name=Wang Wu]"))
                .isEqualTo("Booking[patientDisplayName=张*, nickName=小*, guardian_name=W******]");
    }

    @Test
    void leavesTechnicalNamesAlone() {
        String text = "topicName=hospital.unrouted, className=Foo, fileName=app.log, loggerName=org.x, genericName=amoxicillin";
        assertThat(PiiMask.mask(text)).isEqualTo(text);
    }

    @Test
    void masksMobileAndIdCardNumbersWrittenWithSpacesOrDashesInAnyGrouping() {
        assertThat(PiiMask.mask("tel 138 1234 5678.")).isEqualTo("tel 138****5678.");
        assertThat(PiiMask.mask("tel 1381 234 5678")).isEqualTo("tel 138****5678");
        assertThat(PiiMask.mask("tel 13-81-23-45-67-8")).isEqualTo("tel 138****5678");
        assertThat(PiiMask.mask("tel +86 138 1234 5678")).isEqualTo("tel +86 138****5678");
        assertThat(PiiMask.mask("电话 86 13812345678")).isEqualTo("电话 86 138****5678");
        assertThat(PiiMask.mask("id 110101 19900307 123X")).isEqualTo("id 110***********123X");
        assertThat(PiiMask.mask("id 1101-0119-9003-0712-3x")).isEqualTo("id 110***********123x");
        assertThat(PiiMask.mask("id 110101 900307 123")).isEqualTo("id 110********7123");
    }

    @Test
    void masksFullWidthDigitsAndSeparators() {
        assertThat(PiiMask.mask("电话：１３８１２３４５６７８")).isEqualTo("电话：138****5678");
        assertThat(PiiMask.mask("电话：１３８　１２３４－５６７８。")).isEqualTo("电话：138****5678。");
        assertThat(PiiMask.mask("＋８６ １３８１２３４５６７８")).isEqualTo("＋８６ 138****5678");
        assertThat(PiiMask.mask("身份证：１１０１０１１９９００３０７１２３Ｘ")).isEqualTo("身份证：110***********123Ｘ");
    }

    @Test
    void leavesSeparatedNumbersThatAreNoPhoneOrIdAlone() {
        String text = "slot 2026-11-25 10:30, order 42 13 7, queue 3 of 12, "
                + "id 3f2a1c9e-1381-2345-6789-944445555666, span 1381-2345-678a-b, pages 1 2 3 4 5 6 7 8 9 10 11 12 13";
        assertThat(PiiMask.mask(text)).isEqualTo(text);
    }

    @Test
    void masksTheWholeRowOfAPostgresFailingRowDetail() {
        String pg = "ERROR: new row for relation \"patient\" violates check constraint \"phone_format\"\n"
                + "  Detail: Failing row contains (3f2a1c9e-1111-4222-8333-944445555666, 张三丰, 1381234567, 北京市(朝阳区), null).\n"
                + "  Where: SQL statement";
        String masked = PiiMask.mask(pg);
        assertThat(masked).contains("violates check constraint \"phone_format\"", "Failing row contains (***)")
                .doesNotContain("张三丰", "1381234567", "北京市", "3f2a1c9e");
        assertThat(PiiMask.mask("Failing row contains (1, 李四, 2026-11-25")).isEqualTo("Failing row contains (***)");
    }

    @Test
    void masksTheValuesOfAPostgresKeyDetail() {
        assertThat(PiiMask.mask("Key (name, region)=(张三, 北京) already exists."))
                .isEqualTo("Key (name, region)=(***) already exists.");
        assertThat(PiiMask.mask("Detail: Key (patient_id)=(王五) is not present in table \"patient\"."))
                .isEqualTo("Detail: Key (patient_id)=(***) is not present in table \"patient\".");
    }

    @Test
    void maskingTwiceChangesNothingMore() {
        // the mask may run at the root and again on a handler that names it: a second pass must be harmless
        for (String text : new String[] { "姓名：张三 138 1234 5678", "displayName=欧阳娜娜", "Failing row contains (1, 张三)",
                "id １１０１０１１９９００３０７１２３Ｘ", "Key (name)=(张三) already exists", "tel +86 138-1234-5678" }) {
            String once = PiiMask.mask(text);
            assertThat(PiiMask.mask(once)).isEqualTo(once);
        }
    }

    @Test
    void describesAnExceptionOnOneMaskedBoundedLine() {
        var e = new IllegalStateException("cannot apply for 姓名：张三\nFailing row contains (1, 张三, 13812345678)",
                new java.sql.SQLException("Key (phone)=(13812345678) already exists"));
        String reason = PiiMask.reason(e);
        assertThat(reason).startsWith("java.lang.IllegalStateException: cannot apply for 姓名：张*")
                .contains("caused by java.sql.SQLException: Key (phone)=(***) already exists")
                .doesNotContain("张三", "13812345678", "\n", "\r");
    }

    @Test
    void boundsTheDescriptionWithoutCuttingAClearNumberInHalf() {
        // "java.lang.RuntimeException: " is 28 characters: the cut falls inside the phone number
        String reason = PiiMask.reason(new RuntimeException("x".repeat(265) + " 13812345678 " + "y".repeat(5000)));
        assertThat(reason).hasSize(PiiMask.REASON_MAX_LENGTH).endsWith("138**…").doesNotContain("13812");
        assertThat(PiiMask.reason(new RuntimeException("boom"), 10)).isEqualTo("java.lang…");
        assertThat(PiiMask.reason(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
        assertThat(PiiMask.reason(null)).isEqualTo("unknown error");
    }

    @Test
    void aWrapperThatOnlyRepeatsItsCauseIsNotRepeated() {
        var cause = new IllegalArgumentException("姓名：张三");
        String reason = PiiMask.reason(new java.util.concurrent.CompletionException(cause));
        assertThat(reason).isEqualTo("java.util.concurrent.CompletionException; caused by java.lang.IllegalArgumentException: 姓名：张*");
    }
}
