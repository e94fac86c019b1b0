package org.ihospital.consultation.careplan;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.ihospital.consultation.reading.ReadingTrend;

/** Care plans as their rules make them, for tests of other packages (the FHIR views). */
public final class CarePlanFixtures {

    private CarePlanFixtures() {
    }

    /** A plan on the guideline's targets and thresholds: readings every 2 days, a visit every 90, three in a row call the team. */
    public static CarePlan plan(UUID patient, CarePlan.Condition condition, Set<UUID> careTeam, Instant at) {
        return CarePlan.start(patient, condition, new CarePlan.Terms(ReadingTrend.Targets.guideline(), CarePlan.Critical.guideline(), 3, 2,
                90, careTeam), "operator-subject", at);
    }
}
