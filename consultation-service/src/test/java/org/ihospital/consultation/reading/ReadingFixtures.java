package org.ihospital.consultation.reading;

import java.time.Instant;
import java.util.UUID;

/** Readings as their rules make them, for tests of other packages (the FHIR views). */
public final class ReadingFixtures {

    private ReadingFixtures() {
    }

    /** A reading typed in by hand a minute after it was measured. */
    public static Reading of(UUID patient, Measurement measurement, Instant measuredAt) {
        return Reading.of(patient, measurement, measuredAt, null, "patient-subject", measuredAt.plusSeconds(60));
    }
}
