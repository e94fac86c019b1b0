package org.ihospital.consultation.careplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ihospital.commons.messaging.CloudEventType;

/** What consultation-service tells the others of care alerts (contracts/events/reading.alerted.v1.json). */
final class CareAlertEvents {

    static final String TOPIC = "consultation.care";
    static final CloudEventType ALERTED = CloudEventType.of("reading.alerted");

    /** An alert raised; no reading values (consumers ask with the care team's rights). */
    record ReadingAlerted(UUID alertId, UUID patientId, UUID planId, CarePlan.Condition condition, CareAlert.Rule rule,
            List<UUID> careTeam, Instant raisedAt) {
    }

    private CareAlertEvents() {
    }

    static ReadingAlerted alerted(CarePlan plan, CareAlert alert) {
        return new ReadingAlerted(alert.id(), alert.patientId(), plan.id(), plan.condition(), alert.rule(),
                plan.careTeam().stream().sorted().toList(), alert.raisedAt());
    }
}
