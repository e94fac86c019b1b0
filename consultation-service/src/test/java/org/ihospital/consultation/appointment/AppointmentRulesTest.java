package org.ihospital.consultation.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The rules of a visit, without a server: the change window, the consultation, the no-show, and the events. */
class AppointmentRulesTest {

    private static final Instant VISIT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Duration CUT_OFF = Duration.ofHours(2);
    private static final UUID DOCTOR = UUID.randomUUID();
    private static final UUID PATIENT = UUID.randomUUID();

    private static Visit slot(UUID doctor, Instant start) {
        return new Visit(UUID.randomUUID(), doctor, start, start.plus(Duration.ofMinutes(15)));
    }

    private static Appointment booked() {
        Appointment a = Appointment.book(slot(DOCTOR, VISIT), PATIENT, "blood pressure follow-up", VISIT.minus(Duration.ofDays(3)));
        a.drainEvents();
        return a;
    }

    @Test
    void bookingRecordsTheBookedEvent() {
        Appointment a = Appointment.book(slot(DOCTOR, VISIT), PATIENT, "follow-up", VISIT.minus(Duration.ofDays(3)));
        assertThat(a.drainEvents()).extracting(e -> e.type().name()).containsExactly("appointment.booked");
        assertThat(a.drainEvents()).as("each event leaves once").isEmpty();
    }

    @Test
    void aVisitCanBeCancelledUntilTheCutOff() {
        Appointment a = booked();
        UUID freed = a.cancel("patient-sub", Appointment.Party.PATIENT, VISIT.minus(CUT_OFF).minusSeconds(1), CUT_OFF);
        assertThat(freed).isEqualTo(a.slotId());
        assertThat(a.status()).isEqualTo(Appointment.Status.CANCELLED);
        assertThat(a.drainEvents()).extracting(e -> e.type().name()).containsExactly("appointment.cancelled");
    }

    @Test
    void atTheCutOffTheChangeWindowIsClosed() {
        Appointment a = booked();
        assertThatThrownBy(() -> a.cancel("patient-sub", Appointment.Party.PATIENT, VISIT.minus(CUT_OFF), CUT_OFF))
                .isInstanceOf(AppointmentProblems.ChangeWindowClosed.class);
        assertThatThrownBy(() -> a.moveTo(slot(DOCTOR, VISIT.plus(Duration.ofDays(1))), VISIT.minus(CUT_OFF), CUT_OFF))
                .isInstanceOf(AppointmentProblems.ChangeWindowClosed.class);
        assertThat(a.status()).isEqualTo(Appointment.Status.BOOKED);
        assertThat(a.drainEvents()).isEmpty();
    }

    @Test
    void aLongerCutOffClosesTheWindowEarlier() {
        Appointment a = booked();
        Duration month = Duration.ofDays(30);
        assertThatThrownBy(() -> a.cancel("patient-sub", Appointment.Party.PATIENT, VISIT.minus(Duration.ofDays(3)), month))
                .isInstanceOf(AppointmentProblems.ChangeWindowClosed.class);
    }

    @Test
    void onceTheConsultationIsOpenTheVisitCanNeitherBeCancelledNorMoved() {
        Appointment a = booked();
        Instant early = VISIT.minus(Duration.ofDays(1));
        UUID consultation = UUID.randomUUID();
        assertThat(a.consultationOpened(consultation, early)).isEqualTo(consultation);
        assertThatThrownBy(() -> a.cancel("patient-sub", Appointment.Party.PATIENT, early, CUT_OFF))
                .isInstanceOf(AppointmentProblems.ConsultationUnderway.class);
        assertThatThrownBy(() -> a.cancel("doctor-sub", Appointment.Party.DOCTOR, early, CUT_OFF))
                .isInstanceOf(AppointmentProblems.ConsultationUnderway.class);
        assertThatThrownBy(() -> a.moveTo(slot(DOCTOR, VISIT.plus(Duration.ofDays(1))), early, CUT_OFF))
                .isInstanceOf(AppointmentProblems.ConsultationUnderway.class);
        assertThatThrownBy(() -> a.markNoShow(VISIT.plusSeconds(60))).isInstanceOf(AppointmentProblems.ConsultationUnderway.class);
    }

    @Test
    void aVisitMovesOnlyToTheSameDoctorsSlots() {
        Appointment a = booked();
        assertThatThrownBy(() -> a.moveTo(slot(UUID.randomUUID(), VISIT.plus(Duration.ofDays(1))), VISIT.minus(Duration.ofDays(2)), CUT_OFF))
                .isInstanceOf(AppointmentProblems.RescheduleToAnotherDoctor.class);
        Visit later = slot(DOCTOR, VISIT.plus(Duration.ofDays(1)));
        UUID old = a.slotId();
        assertThat(a.moveTo(later, VISIT.minus(Duration.ofDays(2)), CUT_OFF)).isEqualTo(old);
        assertThat(a.slotId()).isEqualTo(later.slotId());
        assertThat(a.patientId()).as("a visit is never transferred to another patient").isEqualTo(PATIENT);
        assertThat(a.drainEvents()).extracting(e -> e.type().name()).containsExactly("appointment.rescheduled");
    }

    @Test
    void aNoShowIsRecordedOnlyOnceTheVisitHasBegun() {
        Appointment a = booked();
        assertThatThrownBy(() -> a.markNoShow(VISIT.minusSeconds(1))).isInstanceOf(AppointmentProblems.NotStartedYet.class);
        a.markNoShow(VISIT);
        assertThat(a.status()).isEqualTo(Appointment.Status.NO_SHOW);
        assertThatThrownBy(() -> a.markNoShow(VISIT)).isInstanceOf(AppointmentProblems.NotBooked.class);
    }

    @Test
    void aCancelledVisitCannotBeOpened() {
        Appointment a = booked();
        a.cancel("patient-sub", Appointment.Party.PATIENT, VISIT.minus(Duration.ofDays(1)), CUT_OFF);
        assertThatThrownBy(() -> a.consultationOpened(UUID.randomUUID(), VISIT)).isInstanceOf(AppointmentProblems.NotBooked.class);
        assertThat(a.consultationId()).isNull();
    }

    @Test
    void openingAgainFindsTheFirstConsultationEvenOnceTheVisitIsOver() {
        Appointment a = booked();
        UUID first = UUID.randomUUID();
        a.consultationOpened(first, VISIT);
        assertThat(a.consultationOpened(UUID.randomUUID(), VISIT.plusSeconds(5))).isEqualTo(first);
        a.complete();
        assertThat(a.consultationOpened(UUID.randomUUID(), VISIT.plusSeconds(600))).isEqualTo(first);
        assertThat(a.consultationId()).isEqualTo(first);
        assertThat(a.consultationOpenedAt()).isEqualTo(VISIT);
    }
}
