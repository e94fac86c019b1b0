package org.ihospital.consultation.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.junit.jupiter.api.Test;

/** The waitlist's state machine: waiting → offered → accepted, declined, expired; or left. */
class WaitlistEntryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final UUID SLOT = UUID.randomUUID();

    private static WaitlistEntry waiting() {
        return WaitlistEntry.join(UUID.randomUUID(), TODAY.plusDays(3), UUID.randomUUID(), full(), NOW);
    }

    /** A full day, no visit of the patient's that day, a 90-day horizon. */
    private static WaitlistEntry.Circumstances full() {
        return new WaitlistEntry.Circumstances(0, false, TODAY, 90);
    }

    private static WaitlistEntry offered() {
        WaitlistEntry e = waiting();
        e.offer(SLOT, NOW.plus(Duration.ofMinutes(15)));
        return e;
    }

    @Test
    void oneJoinsOnlyAFullDayWithinTheHorizonWithoutAVisitThatDay() {
        assertThatThrownBy(() -> WaitlistEntry.join(UUID.randomUUID(), TODAY.plusDays(3), UUID.randomUUID(),
                new WaitlistEntry.Circumstances(2, false, TODAY, 90), NOW)).isInstanceOf(WaitlistProblems.FreeSlotsAvailable.class);
        assertThatThrownBy(() -> WaitlistEntry.join(UUID.randomUUID(), TODAY.minusDays(1), UUID.randomUUID(), full(), NOW))
                .isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> WaitlistEntry.join(UUID.randomUUID(), TODAY.plusDays(91), UUID.randomUUID(), full(), NOW))
                .isInstanceOf(InvalidField.class).hasMessageContaining("horizon");
        assertThat(WaitlistEntry.join(UUID.randomUUID(), TODAY.plusDays(90), UUID.randomUUID(), full(), NOW).status())
                .isEqualTo(WaitlistEntry.Status.WAITING);
        assertThatThrownBy(() -> WaitlistEntry.join(UUID.randomUUID(), TODAY.plusDays(3), UUID.randomUUID(),
                new WaitlistEntry.Circumstances(0, true, TODAY, 90), NOW)).isInstanceOf(WaitlistProblems.AlreadyBookedThatDay.class);
        assertThat(waiting().status()).isEqualTo(WaitlistEntry.Status.WAITING);
    }

    @Test
    void anOfferIsAcceptedWhileItIsHeld() {
        WaitlistEntry e = offered();
        assertThat(e.accept(NOW.plus(Duration.ofMinutes(14)))).isEqualTo(SLOT);
        UUID appointment = UUID.randomUUID();
        e.booked(appointment, NOW.plus(Duration.ofMinutes(14)));
        assertThat(e.status()).isEqualTo(WaitlistEntry.Status.ACCEPTED);
        assertThat(e.appointmentId()).isEqualTo(appointment);
        assertThat(e.offeredSlotId()).isNull();
    }

    @Test
    void aHoldThatRanOutCannotBeAccepted() {
        WaitlistEntry e = offered();
        assertThatThrownBy(() -> e.accept(NOW.plus(Duration.ofMinutes(15)))).isInstanceOf(WaitlistProblems.OfferExpired.class);
        assertThat(e.expire(NOW.plus(Duration.ofMinutes(15)))).isEqualTo(SLOT);
        assertThatThrownBy(() -> e.accept(NOW.plus(Duration.ofMinutes(16)))).isInstanceOf(WaitlistProblems.OfferExpired.class);
    }

    @Test
    void onlyAnOpenOfferIsServedByABooking() {
        WaitlistEntry e = waiting();
        assertThatThrownBy(() -> e.booked(UUID.randomUUID(), NOW)).isInstanceOf(WaitlistProblems.NotOffered.class);
        WaitlistEntry declined = offered();
        assertThat(declined.decline(NOW)).isEqualTo(SLOT);
        assertThatThrownBy(() -> declined.booked(UUID.randomUUID(), NOW)).isInstanceOf(WaitlistProblems.NotOffered.class);
    }

    @Test
    void leavingGivesUpAHeldSlotAndEndsThePlace() {
        WaitlistEntry e = offered();
        assertThat(e.leave(NOW)).isEqualTo(SLOT);
        assertThat(e.status()).isEqualTo(WaitlistEntry.Status.CANCELLED);
        assertThatThrownBy(() -> e.leave(NOW)).isInstanceOf(WaitlistProblems.NotInQueue.class);
        assertThat(waiting().leave(NOW)).as("nothing was held").isNull();
    }

    @Test
    void aSecondOfferToTheSamePlaceIsRefused() {
        WaitlistEntry e = offered();
        assertThatThrownBy(() -> e.offer(UUID.randomUUID(), NOW.plus(Duration.ofMinutes(15))))
                .isInstanceOf(WaitlistProblems.NotOffered.class);
    }
}
