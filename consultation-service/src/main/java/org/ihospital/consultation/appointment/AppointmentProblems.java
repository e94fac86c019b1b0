package org.ihospital.consultation.appointment;

import java.time.Duration;
import java.util.UUID;

import org.ihospital.commons.problem.ProblemException;

/** What can go wrong when booking or changing a visit, as the clinic would say it. */
public final class AppointmentProblems {

    private AppointmentProblems() {
    }

    public static final class SlotAlreadyTaken extends ProblemException {
        public SlotAlreadyTaken(UUID slot) {
            super("slot-already-taken", 409, "Slot already taken", "Slot " + slot + " is no longer free; choose another one");
        }
    }

    public static final class ChangeWindowClosed extends ProblemException {
        ChangeWindowClosed(UUID appointment, Duration cutOff) {
            super("change-window-closed", 409, "Too late to change",
                    "Appointment " + appointment + " can no longer be cancelled or moved: changes close " + cutOff.toMinutes()
                            + " minutes before the visit");
        }
    }

    public static final class NotBooked extends ProblemException {
        NotBooked(UUID appointment, Appointment.Status status) {
            super("appointment-not-booked", 409, "Appointment not booked",
                    "Appointment " + appointment + " is " + status.name().toLowerCase().replace('_', '-'));
        }
    }

    public static final class ConsultationUnderway extends ProblemException {
        ConsultationUnderway(UUID appointment) {
            super("consultation-underway", 409, "Consultation underway",
                    "The doctor has opened the consultation of appointment " + appointment
                            + "; it can no longer be cancelled or moved");
        }
    }

    public static final class RescheduleToAnotherDoctor extends ProblemException {
        RescheduleToAnotherDoctor() {
            super("reschedule-other-doctor", 422, "Another doctor's slot",
                    "A visit moves to another slot of the same doctor; to see another doctor, book a new visit");
        }
    }

    public static final class NotStartedYet extends ProblemException {
        NotStartedYet(UUID appointment) {
            super("visit-not-started", 409, "Visit not started", "Appointment " + appointment + " has not begun yet");
        }
    }
}
