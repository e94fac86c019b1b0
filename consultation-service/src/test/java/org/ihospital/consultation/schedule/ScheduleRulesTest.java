package org.ihospital.consultation.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.junit.jupiter.api.Test;

/** Clinic hours are planned in the clinic's local time and cut into equal slots; what is left over is no slot. */
class ScheduleRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    @Test
    void hoursAreCutIntoEqualSlotsInLocalTime() {
        var schedule = Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(8, 0), LocalTime.of(9, 10), 15, SHANGHAI, "op", Instant.EPOCH);
        var slots = schedule.slots();
        assertThat(slots).hasSize(4);
        assertThat(slots.get(0).startsAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(slots.get(3).endsAt()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(slots).allSatisfy(s -> {
            assertThat(Duration.between(s.startsAt(), s.endsAt())).isEqualTo(Duration.ofMinutes(15));
            assertThat(s.status()).isEqualTo(Slot.Status.OPEN);
        });
    }

    @Test
    void emptyReversedOrTooShortHoursAreRefused() {
        assertThatThrownBy(() -> Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(9, 0), LocalTime.of(9, 0), 15, SHANGHAI, "op",
                Instant.EPOCH)).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(10, 0), LocalTime.of(9, 0), 15, SHANGHAI, "op",
                Instant.EPOCH)).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(9, 0), LocalTime.of(9, 10), 15, SHANGHAI, "op",
                Instant.EPOCH)).isInstanceOf(InvalidField.class);
    }

    @Test
    void hoursThatHaveBegunCannotBePlanned() {
        Instant nine = DAY.atTime(9, 0).atZone(SHANGHAI).toInstant();
        assertThatThrownBy(() -> Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(9, 0), LocalTime.of(10, 0), 15, SHANGHAI, "op",
                nine.plusSeconds(1))).isInstanceOf(InvalidField.class).hasMessageContaining("past");
        assertThat(Schedule.plan(UUID.randomUUID(), DAY, LocalTime.of(9, 0), LocalTime.of(10, 0), 15, SHANGHAI, "op", nine).slots())
                .hasSize(4);
    }
}
