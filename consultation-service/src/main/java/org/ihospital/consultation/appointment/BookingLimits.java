package org.ihospital.consultation.appointment;

import org.ihospital.commons.problem.ProblemException;

/**
 * Against touts (号贩子) hoarding and reselling expert slots (OWASP API6): a booking needs a real-name
 * patient (name and a valid resident ID-card number), and no patient holds or churns more than a
 * hospital allows. Holding too much is a rule (422); booking or cancelling too fast is a rate (429).
 */
public record BookingLimits(int openAppointments, int openWithOneDoctor, int bookingsPerDay, int cancellationsPerWeek) {

    /** What the patient holds and did lately, counted in the booking's transaction with the patient locked. */
    public record History(boolean realName, long open, long openWithDoctor, long bookedToday) {
    }

    public static final class RealNameRequired extends ProblemException {
        RealNameRequired() {
            super("real-name-required", 422, "Real-name profile required",
                    "Booking needs your name and resident ID-card number in your profile (PUT /api/v1/patients/me)");
        }
    }

    public static final class LimitReached extends ProblemException {
        LimitReached(String detail) {
            super("booking-limit-reached", 422, "Booking limit reached", detail);
        }
    }

    public static final class TooManyBookings extends ProblemException {
        TooManyBookings(int limit) {
            super("too-many-bookings", 429, "Too many bookings today", "At most " + limit + " bookings a day; try again tomorrow");
        }
    }

    public static final class TooManyCancellations extends ProblemException {
        TooManyCancellations(int limit) {
            super("too-many-cancellations", 429, "Too many cancellations",
                    "At most " + limit + " cancellations in seven days; keep this visit or ask the clinic");
        }
    }

    /** @throws ProblemException the first limit the booking would break */
    void checkBooking(History history) {
        if (!history.realName()) {
            throw new RealNameRequired();
        }
        if (history.bookedToday() >= bookingsPerDay) {
            throw new TooManyBookings(bookingsPerDay);
        }
        if (history.open() >= openAppointments) {
            throw new LimitReached("You already hold " + history.open() + " upcoming visits, the most a patient may hold");
        }
        if (history.openWithDoctor() >= openWithOneDoctor) {
            throw new LimitReached("You already hold " + history.openWithDoctor() + " upcoming visits with this doctor");
        }
    }

    /** @throws TooManyCancellations when the patient cancelled as often as allowed in the last seven days */
    void checkCancellation(long cancelledThisWeek) {
        if (cancelledThisWeek >= cancellationsPerWeek) {
            throw new TooManyCancellations(cancellationsPerWeek);
        }
    }
}
