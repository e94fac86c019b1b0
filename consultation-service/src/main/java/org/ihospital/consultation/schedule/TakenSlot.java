package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What a neighbour (a booking, the waitlist) needs to know of a slot: whose, which day, when. */
public record TakenSlot(UUID id, UUID doctorId, LocalDate day, Instant startsAt, Instant endsAt) {
}
