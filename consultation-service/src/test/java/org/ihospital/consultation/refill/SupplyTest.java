package org.ihospital.consultation.refill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.ihospital.consultation.prescription.Dosage;
import org.ihospital.consultation.prescription.PrescriptionItem;
import org.junit.jupiter.api.Test;

/** When a dispensed prescription runs out, from its quantities and dosages, and when the patient is reminded. */
class SupplyTest {

    private static final ZoneId CLINIC = ZoneId.of("Asia/Shanghai");
    /** 10:00 in the clinic on 1 March 2027. */
    private static final Instant DISPENSED = Instant.parse("2027-03-01T02:00:00Z");

    private static PrescriptionItem item(int quantity, String amount, Dosage.Frequency frequency, int days) {
        return new PrescriptionItem(1, "X", "x", "tablet", BigDecimal.ONE, "mg", "C08CA01", quantity,
                new Dosage(new BigDecimal(amount), frequency, days), "");
    }

    private static Supply supply(PrescriptionItem... items) {
        return Supply.of(List.of(items), DISPENSED, CLINIC, 7, 14).orElseThrow();
    }

    @Test
    void aMonthOfOneTabletADayRunsOutThirtyDaysAfterDispensingAndIsRemindedAWeekBefore() {
        Supply s = supply(item(30, "1", Dosage.Frequency.QD, 30));
        assertThat(s.days()).isEqualTo(30);
        assertThat(s.runsOutOn()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(s.remindOn()).isEqualTo(LocalDate.of(2027, 3, 24));
    }

    @Test
    void theDosageDecidesHowLongAQuantityLasts() {
        assertThat(supply(item(60, "1", Dosage.Frequency.BID, 30)).days()).isEqualTo(30);
        assertThat(supply(item(90, "1", Dosage.Frequency.TID, 30)).days()).isEqualTo(30);
        assertThat(supply(item(30, "0.5", Dosage.Frequency.QD, 60)).days()).as("half a tablet a day").isEqualTo(60);
        assertThat(supply(item(56, "2", Dosage.Frequency.QD, 28)).days()).isEqualTo(28);
        assertThat(supply(item(45, "1", Dosage.Frequency.BID, 30)).days()).as("a part day does not count").isEqualTo(22);
        assertThat(supply(item(4, "1", Dosage.Frequency.QW, 28)).days()).as("once a week").isEqualTo(28);
        assertThat(supply(item(30, "1", Dosage.Frequency.QN, 30)).days()).as("at night").isEqualTo(30);
    }

    @Test
    void theFirstMedicineToRunOutSetsTheDay() {
        Supply s = supply(item(90, "1", Dosage.Frequency.QD, 90), item(56, "1", Dosage.Frequency.BID, 28));
        assertThat(s.days()).isEqualTo(28);
        assertThat(s.runsOutOn()).isEqualTo(LocalDate.of(2027, 3, 29));
    }

    @Test
    void medicinesTakenAsNeededNeverRunOutOnADay() {
        assertThat(Supply.of(List.of(item(30, "1", Dosage.Frequency.PRN, 30)), DISPENSED, CLINIC, 7, 14)).isEmpty();
        assertThat(supply(item(30, "1", Dosage.Frequency.PRN, 30), item(30, "1", Dosage.Frequency.QD, 30)).days()).isEqualTo(30);
    }

    @Test
    void aShortCourseIsAcuteTreatmentAndIsNotFollowed() {
        assertThat(Supply.of(List.of(item(21, "1", Dosage.Frequency.TID, 7)), DISPENSED, CLINIC, 7, 14)).isEmpty();
        assertThat(Supply.of(List.of(item(13, "1", Dosage.Frequency.QD, 13)), DISPENSED, CLINIC, 7, 14)).isEmpty();
        assertThat(Supply.of(List.of(item(14, "1", Dosage.Frequency.QD, 14)), DISPENSED, CLINIC, 7, 14)).isPresent();
    }

    @Test
    void aShortCourseBesideAChronicOneIsLeftOut() {
        // a week of amoxicillin beside a month of amlodipine: the amlodipine is followed
        Supply s = supply(item(30, "1", Dosage.Frequency.QD, 30), item(21, "1", Dosage.Frequency.TID, 7));
        assertThat(s.days()).isEqualTo(30);
        assertThat(s.runsOutOn()).isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void theReminderIsNeverBeforeTheDayOfDispensing() {
        Supply s = Supply.of(List.of(item(14, "1", Dosage.Frequency.QD, 14)), DISPENSED, CLINIC, 20, 14).orElseThrow();
        assertThat(s.remindOn()).isEqualTo(s.dispensedOn());
    }

    @Test
    void daysAreTheClinicsDays() {
        // 23:30 UTC on 28 February is 07:30 on 1 March in the clinic
        Supply s = Supply.of(List.of(item(30, "1", Dosage.Frequency.QD, 30)), Instant.parse("2027-02-28T23:30:00Z"), CLINIC, 7, 14)
                .orElseThrow();
        assertThat(s.dispensedOn()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(s.runsOutOn()).isEqualTo(LocalDate.of(2027, 3, 31));
    }
}
