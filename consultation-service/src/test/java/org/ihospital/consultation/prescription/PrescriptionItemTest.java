package org.ihospital.consultation.prescription;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.ihospital.commons.problem.Problem;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Items stay within the drug dictionary's bounds: no zero, negative or absurd amounts. */
class PrescriptionItemTest {

    private static PrescriptionItem.Requested item(String drug, int quantity, String amount, Dosage.Frequency frequency, int days) {
        return new PrescriptionItem.Requested(drug, quantity, new Dosage(new BigDecimal(amount), frequency, days), null);
    }

    private static List<String> fieldsOf(List<PrescriptionItem.Requested> items) {
        try {
            PrescriptionItem.allOf(items);
            return List.of();
        } catch (PrescriptionProblems.InvalidItems e) {
            return e.fieldErrors().stream().map(Problem.FieldError::field).toList();
        }
    }

    @Test
    void aSensibleItemIsTakenFromTheDictionary() {
        var items = PrescriptionItem.allOf(List.of(item("AMLODIPINE-5MG-TAB", 30, "1", Dosage.Frequency.QD, 30)));
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.line()).isEqualTo(1);
            assertThat(i.atc()).isEqualTo("C08CA01");
            assertThat(i.instructions()).isEmpty();
        });
    }

    @Test
    void refusesWhatTheDictionaryDoesNotAllow() {
        assertThat(fieldsOf(List.of(item("NO-SUCH-DRUG", 30, "1", Dosage.Frequency.QD, 30)))).containsExactly("items[0].drugCode");
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 0, "1", Dosage.Frequency.QD, 30)))).containsExactly("items[0].quantity");
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 30, "-1", Dosage.Frequency.QD, 30))))
                .containsExactly("items[0].dosage.amount");
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 30, "10", Dosage.Frequency.QD, 30))))
                .containsExactly("items[0].dosage.amount");
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 60, "1", Dosage.Frequency.QD, 30))))
                .as("more than the course needs").containsExactly("items[0].quantity");
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 30, "1", Dosage.Frequency.QD, 365)))).contains("items[0].dosage.days");
    }

    @Test
    void aDrugAppearsOnceAndEveryFaultIsReportedAtOnce() {
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", 30, "1", Dosage.Frequency.QD, 30),
                item("AMLODIPINE-5MG-TAB", 30, "1", Dosage.Frequency.QD, 30),
                item("NO-SUCH-DRUG", 1, "1", Dosage.Frequency.QD, 1)))).containsExactly("items[1].drugCode", "items[2].drugCode");
    }

    @Property
    void aQuantityTheCourseNeedsIsAlwaysAccepted(@ForAll @IntRange(min = 1, max = 90) int days) {
        // amlodipine 5 mg, one tablet a day: a course of n days needs exactly n tablets
        assertThat(fieldsOf(List.of(item("AMLODIPINE-5MG-TAB", days, "1", Dosage.Frequency.QD, days)))).isEmpty();
    }

    @Property
    void aWeeklyDoseNeedsOneTakePerStartedWeek(@ForAll @IntRange(min = 1, max = 90) int days) {
        var dosage = new Dosage(BigDecimal.ONE, Dosage.Frequency.QW, days);
        assertThat(dosage.course()).isEqualByComparingTo(BigDecimal.valueOf((days + 6) / 7));
    }
}
