package org.ihospital.consultation.refill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.ihospital.consultation.prescription.PrescriptionItem;

/**
 * How long a dispensed prescription lasts: the day its first medicine runs out at the prescribed dosage
 * (counted from the clinic's day of dispensing), and the day, {@code leadDays} before, that the patient
 * is reminded to come back (never before the day of dispensing).
 */
record Supply(LocalDate dispensedOn, int days, LocalDate runsOutOn, LocalDate remindOn) {

    /**
     * The supply of the prescription's chronic medicines: those lasting at least {@code minCourseDays} (a shorter
     * course, say a week of an antibiotic beside a month of amlodipine, is acute treatment that simply ends).
     *
     * @return the supply, or empty when no medicine is followed (only short courses, or only medicines taken as needed)
     */
    static Optional<Supply> of(List<PrescriptionItem> items, Instant dispensedAt, ZoneId zone, int leadDays, int minCourseDays) {
        OptionalInt days = items.stream().map(PrescriptionItem::daysSupplied).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).filter(d -> d >= minCourseDays).min();
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate dispensedOn = LocalDate.ofInstant(dispensedAt, zone);
        LocalDate runsOut = dispensedOn.plusDays(days.getAsInt());
        LocalDate remind = runsOut.minusDays(leadDays);
        return Optional.of(new Supply(dispensedOn, days.getAsInt(), runsOut, remind.isBefore(dispensedOn) ? dispensedOn : remind));
    }
}
