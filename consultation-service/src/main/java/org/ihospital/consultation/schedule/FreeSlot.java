package org.ihospital.consultation.schedule;

import java.time.Instant;
import java.util.UUID;

/** A slot anyone may book, as a search shows it (read as a projection: no entity to track). */
public record FreeSlot(UUID id, Instant startsAt, Instant endsAt) {
}
