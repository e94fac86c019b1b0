package org.ihospital.consultation.waitlist;

import java.util.UUID;

import org.ihospital.commons.problem.ProblemException;

public final class WaitlistProblems {

    private WaitlistProblems() {
    }

    static final class AlreadyWaiting extends ProblemException {
        AlreadyWaiting() {
            super("already-waiting", 409, "Already on the waitlist", "You already have a place on this doctor's waitlist for that day");
        }
    }

    static final class AlreadyBookedThatDay extends ProblemException {
        AlreadyBookedThatDay() {
            super("already-booked-that-day", 409, "Already booked that day",
                    "You already have a visit with this doctor that day: a waitlist place would be a second one");
        }
    }

    static final class FreeSlotsAvailable extends ProblemException {
        FreeSlotsAvailable() {
            super("free-slots-available", 409, "Free slots available", "This day still has free slots: book one of them instead");
        }
    }

    static final class OfferExpired extends ProblemException {
        OfferExpired(UUID entry) {
            super("offer-expired", 409, "Offer expired", "The slot offered to waitlist place " + entry + " is no longer held for you");
        }
    }

    static final class NotOffered extends ProblemException {
        NotOffered(UUID entry, WaitlistEntry.Status status) {
            super("no-offer", 409, "Nothing offered", "Waitlist place " + entry + " has no open offer (it is "
                    + status.name().toLowerCase() + ")");
        }
    }

    static final class NotInQueue extends ProblemException {
        NotInQueue(UUID entry, WaitlistEntry.Status status) {
            super("not-in-queue", 409, "Not in the queue", "Waitlist place " + entry + " is already " + status.name().toLowerCase());
        }
    }
}
