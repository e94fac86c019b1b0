package org.ihospital.consultation.careplan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordQueries;
import org.ihospital.consultation.doctor.DoctorQueries;
import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationService;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.patient.PatientQueries;
import org.ihospital.consultation.reading.Reading;
import org.ihospital.consultation.reading.ReadingQueries;
import org.ihospital.consultation.reading.ReadingsRecorded;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The care team's queue: alerts raised by the plans' rules when readings are stored (in their transaction)
 * and when readings are overdue (a sweep), once per cause; a doctor of the team (or an operator) acknowledges
 * each with a note.
 */
@ApplicationScoped
public class CareAlertService implements ReadingsRecorded {

    private static final Logger LOG = Logger.getLogger(CareAlertService.class);

    private final CarePlanRepository plans;
    private final ClinicalRecordQueries access;
    private final ReadingQueries readings;
    private final PartyService parties;
    private final Outbox outbox;
    private final NotificationService notifier;
    private final DoctorQueries doctors;
    private final PatientQueries patients;
    private final Clock clock;

    public CareAlertService(CarePlanRepository plans, ClinicalRecordQueries access, ReadingQueries readings, PartyService parties, Outbox outbox,
            NotificationService notifier, DoctorQueries doctors, PatientQueries patients, Clock clock) {
        this.notifier = notifier;
        this.doctors = doctors;
        this.patients = patients;
        this.plans = plans;
        this.access = access;
        this.readings = readings;
        this.parties = parties;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Uni<Void> recorded(UUID patient, List<Reading> stored) {
        if (stored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AlertRules.Observed> observed = stored.stream().map(CareAlertService::observed).toList();
        return plans.lockPlansOf(patient).chain(() -> plans.ofPatient(patient)).chain(found -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(plan -> readings.latest(patient, plan.condition().watched(), AlertRules.LONGEST_RUN)
                        .map(latest -> AlertRules.onReadings(plan, observed, latest.stream().map(CareAlertService::observed).toList()))
                        .chain(raised -> raise(plan, raised)))
                .collect().last().replaceWithVoid());
    }

    /** Each alert once per cause; one raised now is published ({@code reading.alerted}) in the same transaction. */
    private Uni<Void> raise(CarePlan plan, List<AlertRules.Raised> raised) {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(raised).onItem().transformToUniAndConcatenate(r -> {
            CareAlert alert = CareAlert.raise(plan, r, now);
            return plans.raiseOnce(alert).chain(raisedNow -> raisedNow
                    ? outbox.append(CareAlertEvents.TOPIC, CareAlertEvents.ALERTED, alert.patientId().toString(),
                            CareAlertEvents.alerted(plan, alert)).chain(() -> tell(plan, alert))
                    : Uni.createFrom().voidItem());
        }).collect().last().replaceWithVoid();
    }

    /**
     * The care team hears of every alert raised (in the app, live for a clinician's stream, and by push); the
     * patient hears of a critical reading. In the alert's transaction: written with it or not at all.
     */
    private Uni<Void> tell(CarePlan plan, CareAlert alert) {
        Uni<Void> team = Multi.createFrom().iterable(plan.careTeam().stream().sorted().toList())
                .onItem().transformToUniAndConcatenate(doctor -> doctors.find(doctor).chain(found -> found
                        .map(d -> notifier.send(new Notification.Note(d.userId(), Notification.Audience.CLINICIAN, Notification.Kind.CARE_ALERT,
                                alert.id(), "Care alert: " + alert.rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                                alert.detail() + " (patient " + alert.patientId() + ")")))
                        .orElseGet(() -> Uni.createFrom().voidItem())))
                .collect().last().replaceWithVoid();
        if (alert.rule() != CareAlert.Rule.CRITICAL) {
            return team;
        }
        return team.chain(() -> patients.find(alert.patientId())).chain(found -> found
                .map(p -> notifier.send(new Notification.Note(p.account(), Notification.Audience.PATIENT, Notification.Kind.CRITICAL_READING,
                        alert.id(), "A reading needs your care team's attention",
                        "A reading you reported is past the critical threshold of your care plan, and your care team has been told. "
                                + "If you feel unwell, call 120 or go to the nearest emergency department.")))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /** Plans whose readings are overdue raise their alert, once per wait; every hour, a page of plans at a time. */
    @Scheduled(every = "${hospital.care.overdue-sweep:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepOverdue() {
        return sweepFrom(null).onFailure().invoke(e -> LOG.warnf("Overdue readings sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sweepFrom(UUID after) {
        return Panache.withTransaction(() -> plans.page(after, 100).chain(page -> Multi.createFrom().iterable(page)
                .onItem().transformToUniAndConcatenate(plan -> readings.latest(plan.patientId(), plan.condition().watched(), 1)
                        .chain(latest -> {
                            AlertRules.Raised r = AlertRules.overdue(plan, latest.isEmpty() ? null : observed(latest.get(0)), clock.instant());
                            return r == null ? Uni.createFrom().voidItem() : raise(plan, List.of(r));
                        }))
                .collect().last().replaceWith(page)))
                .chain(page -> page.size() < 100 ? Uni.createFrom().voidItem() : sweepFrom(page.get(page.size() - 1).id()));
    }

    /** Open alerts: a doctor's of the plans they are on the care team of; an operator's, all. */
    @WithTransaction
    public Uni<List<CareAlert>> queue(Caller caller, int limit) {
        if (caller.isOperator()) {
            return plans.open(null, limit);
        }
        return parties.doctorOrNobody(caller).chain(doctor -> plans.open(doctor, limit));
    }

    /** A patient's alerts, open and acknowledged (the patient, the care team, operators). */
    @WithTransaction
    public Uni<List<CareAlert>> ofPatient(Caller caller, UUID patient) {
        return access.requireReader(caller, patient, "read-care-plans", "patient/" + patient + "/care-plans")
                .chain(() -> plans.alertsOf(patient));
    }

    /** A doctor of the plan's care team, or an operator, acknowledges the alert with what was done; twice is a 409. */
    @WithTransaction
    public Uni<CareAlert> acknowledge(Caller caller, UUID id, String note) {
        return plans.lockAlert(id).chain(alert -> {
            if (alert == null) {
                return Uni.createFrom().failure(new ResourceNotFound("care alert", id));
            }
            Uni<Void> allowed = caller.isOperator() ? Uni.createFrom().voidItem()
                    : parties.doctorOrNobody(caller).chain(doctor -> plans.plan(alert.planId()).chain(plan -> plan.careTeam().contains(doctor)
                            ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ResourceNotFound("care alert", id))));
            return allowed.invoke(() -> alert.acknowledge(caller.subject(), note, clock.instant())).replaceWith(alert);
        });
    }

    /** A reading as the rules see it. */
    private static AlertRules.Observed observed(Reading r) {
        return new AlertRules.Observed(r.id(), r.measurement(), r.measuredAt());
    }
}
