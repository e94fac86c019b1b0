package org.ihospital.consultation.consult;

import java.time.Instant;
import java.util.UUID;

/** Consultations as their rules make them, for tests of other packages (the FHIR views). */
public final class ConsultationFixtures {

    private ConsultationFixtures() {
    }

    public static Consultation open(UUID patient, UUID doctor, Instant openedAt) {
        return Consultation.open(UUID.randomUUID(), UUID.randomUUID(), patient, doctor, openedAt);
    }

    /** Opened, diagnosed with each code, completed ten minutes later. */
    public static Consultation completed(UUID patient, UUID doctor, Instant openedAt, String... icd10) {
        Consultation c = open(patient, doctor, openedAt);
        for (String code : icd10) {
            c.diagnose(code, "", "doctor-subject", openedAt.plusSeconds(300));
        }
        c.complete(openedAt.plusSeconds(600));
        return c;
    }
}
