package org.ihospital.consultation.appointment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The limits against touts, rule by rule. */
class BookingLimitsRulesTest {

    private final BookingLimits limits = new BookingLimits(5, 2, 5, 3);

    @Test
    void aPatientWithoutARealNameBooksNothing() {
        assertThatThrownBy(() -> limits.checkBooking(new BookingLimits.History(false, 0, 0, 0)))
                .isInstanceOf(BookingLimits.RealNameRequired.class);
    }

    @Test
    void theNextBookingIsRefusedAtEachLimit() {
        assertThatCode(() -> limits.checkBooking(new BookingLimits.History(true, 4, 1, 4))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkBooking(new BookingLimits.History(true, 5, 0, 0))).isInstanceOf(BookingLimits.LimitReached.class);
        assertThatThrownBy(() -> limits.checkBooking(new BookingLimits.History(true, 2, 2, 2))).isInstanceOf(BookingLimits.LimitReached.class);
        assertThatThrownBy(() -> limits.checkBooking(new BookingLimits.History(true, 0, 0, 5)))
                .isInstanceOf(BookingLimits.TooManyBookings.class);
    }

    @Test
    void theFourthCancellationInAWeekIsRefused() {
        assertThatCode(() -> limits.checkCancellation(2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkCancellation(3)).isInstanceOf(BookingLimits.TooManyCancellations.class);
    }
}
