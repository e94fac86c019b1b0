package org.ihospital.consultation.reading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordQueries;
import org.ihospital.consultation.party.PartyService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Readings between visits: the patient (or their app, for their devices) reports them; the patient, the
 * care team and operators read them and their trend. For anyone else the patient does not exist.
 */
@ApplicationScoped
public class ReadingService {

    /** A reading as sent, before it is checked. */
    public record NewReading(Measurement.Kind kind, Instant measuredAt, String unit, java.math.BigDecimal value, Integer systolic,
            Integer diastolic, Integer pulse, Measurement.Timing timing, String deviceId, String deviceReadingId) {
    }

    /** What a batch did: the readings stored, and how many its devices had sent before. */
    public record Recorded(List<UUID> stored, int duplicates) {
    }

    /** The longest period a list or a trend covers. */
    static final Duration LONGEST = Duration.ofDays(366);

    private final ReadingRepository readings;
    private final PartyService parties;
    private final ClinicalRecordQueries access;
    private final Instance<ReadingsRecorded> listeners;
    private final PatientTargets targets;
    private final Clock clock;

    public ReadingService(ReadingRepository readings, PartyService parties, ClinicalRecordQueries access, Instance<ReadingsRecorded> listeners,
            PatientTargets targets, Clock clock) {
        this.readings = readings;
        this.parties = parties;
        this.access = access;
        this.listeners = listeners;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * Checks every reading of the batch first (one implausible reading refuses the batch: nothing is stored),
     * then stores each once: a device's reading sent again is counted, not stored again.
     */
    @WithTransaction
    public Uni<Recorded> record(Caller caller, UUID patient, List<NewReading> batch) {
        return parties.of(caller).chain(party -> {
            if (!party.isPatient(patient)) {
                return Uni.createFrom().failure(new ResourceNotFound("patient", patient));
            }
            Instant now = clock.instant();
            List<Reading> checked = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                checked.add(check(patient, batch.get(i), i, caller.subject(), now));
            }
            return readings.addAllOnce(checked)
                    .chain(ids -> {
                        List<Reading> stored = checked.stream().filter(r -> ids.contains(r.id())).toList();
                        Recorded recorded = new Recorded(stored.stream().map(Reading::id).toList(), batch.size() - stored.size());
                        // in this transaction: an alert is raised with the readings that cause it, or not at all
                        return Multi.createFrom().iterable(listeners).onItem().transformToUniAndConcatenate(l -> l.recorded(patient, stored))
                                .collect().last().replaceWith(recorded);
                    });
        });
    }

    private static Reading check(UUID patient, NewReading n, int index, String by, Instant now) {
        if ((n.deviceId() == null) != (n.deviceReadingId() == null)) {
            throw new InvalidField("readings[" + index + "].deviceReadingId", "a device's reading names both the device and its id for it");
        }
        try {
            Measurement m = Measurement.of(n.kind(), n.unit(), n.value(), n.systolic(), n.diastolic(), n.pulse(), n.timing());
            return Reading.of(patient, m, n.measuredAt(), n.deviceId() == null ? null : new Reading.Device(n.deviceId(), n.deviceReadingId()),
                    by, now);
        } catch (ReadingProblems.ImplausibleReading e) {
            throw e.at(index);
        } catch (InvalidField e) {
            throw new InvalidField("readings[" + index + "]." + e.fieldErrors().get(0).field(), e.detail());
        }
    }

    /** Readings measured in [from, to), newest first. */
    @WithTransaction
    public Uni<List<Reading>> list(Caller caller, UUID patient, Measurement.Kind kind, Instant from, Instant to, int limit) {
        checkPeriod(from, to);
        return access.requireReader(caller, patient, "read-readings", "patient/" + patient + "/readings")
                .chain(() -> readings.of(patient, kind, from, to, limit));
    }

    /** One reading, for those who read the patient's readings. */
    @WithTransaction
    public Uni<Reading> get(Caller caller, UUID id) {
        return access.requireReadable(caller, "reading", id, readings.find(id), Reading::patientId);
    }

    /** The trend of each kind over [from, to), against the patient's care plans' targets (the guideline's where there is none). */
    @WithTransaction
    public Uni<List<ReadingTrend.KindTrend>> trend(Caller caller, UUID patient, Instant from, Instant to) {
        checkPeriod(from, to);
        return access.requireReader(caller, patient, "read-reading-trend", "patient/" + patient + "/readings")
                .chain(() -> targets.of(patient))
                .chain(held -> readings.of(patient, null, from, to, 20_000)
                        .map(found -> ReadingTrend.of(found.stream().map(r -> new ReadingTrend.Point(r.measurement(), r.measuredAt())).toList(),
                                held, java.time.ZoneId.of("Asia/Shanghai"))));
    }

    private static void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidField("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidField("to", "a period is at most 366 days");
        }
    }
}
