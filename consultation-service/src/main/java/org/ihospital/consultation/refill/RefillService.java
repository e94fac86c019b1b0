package org.ihospital.consultation.refill;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.security.Caller;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordQueries;
import org.ihospital.commons.queue.OneByOne;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.ihospital.consultation.notification.Notification;
import org.ihospital.consultation.notification.NotificationService;
import org.ihospital.consultation.patient.PatientFacts;
import org.ihospital.consultation.patient.PatientQueries;
import org.ihospital.consultation.prescription.Prescription;
import org.ihospital.consultation.prescription.Renewals;
import org.ihospital.consultation.schedule.FreeSlot;
import org.ihospital.consultation.schedule.ScheduleService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The follow-up loop (复诊续方): a dispensed chronic prescription's supply is followed; a few days before it
 * runs out the patient is reminded, once, with the prescribing doctor's earliest free slot before that day
 * (or in the two weeks after), and {@code refill.due} is published; a renewal ends it.
 */
@ApplicationScoped
public class RefillService implements Renewals {

    /** Reminders one sweep sends at most (the next hour's sweep goes on). */
    private static final int PER_SWEEP = 5000;
    private static final int SLOTS_AFTER_RUNNING_OUT = 14;

    private final RefillRepository refills;
    private final ScheduleService schedules;
    private final PatientQueries patients;
    private final ClinicalRecordQueries access;
    private final NotificationService notifier;
    private final Outbox outbox;
    private final Clock clock;
    private final int leadDays;
    private final int minCourseDays;
    private final LocalTime remindFrom;
    private final LocalTime remindUntil;

    public RefillService(RefillRepository refills, ScheduleService schedules, PatientQueries patients, ClinicalRecordQueries access,
            NotificationService notifier, Outbox outbox, Clock clock, ConsultationConfig config) {
        this.refills = refills;
        this.schedules = schedules;
        this.patients = patients;
        this.access = access;
        this.notifier = notifier;
        this.outbox = outbox;
        this.clock = clock;
        this.leadDays = config.refill().leadDays();
        this.minCourseDays = config.refill().minCourseDays();
        this.remindFrom = config.refill().remindFrom();
        this.remindUntil = config.refill().remindUntil();
    }

    /** The prescription was dispensed at {@code at}: its supply is followed if it is a chronic course. Runs in the caller's transaction. */
    public Uni<Void> dispensed(Prescription p, Instant at) {
        return Supply.of(p.items(), at, zone(), leadDays, minCourseDays)
                .map(supply -> refills.trackOnce(Refill.track(p.id(), p.patientId(), p.doctorId(), at, supply)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    @Override
    public Uni<Void> renewed(UUID previous, UUID renewal) {
        return refills.renewed(previous, renewal);
    }

    @Override
    public Uni<Void> lapsed(UUID renewal) {
        return refills.reopen(renewal);
    }

    /** The patient's refills (the patient, the care team, operators; staff reads audited). */
    @WithTransaction
    public Uni<List<Refill>> ofPatient(Caller caller, UUID patient) {
        return access.requireReader(caller, patient, "read-refills", "patient/" + patient + "/refills").chain(() -> refills.ofPatient(patient));
    }

    /**
     * Reminders due today go out, each once and in a transaction of its own (a reminder that fails waits for the
     * next sweep, the others go on); every hour, within the day's hours (no text message at night), replicas side
     * by side.
     */
    @Scheduled(every = "${hospital.consultation.refill.sweep:1h}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> remindDue() {
        LocalTime time = LocalTime.now(clock.withZone(zone()));
        if (time.isBefore(remindFrom) || !time.isBefore(remindUntil)) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.now(clock.withZone(zone()));
        return OneByOne.sweep("Refill reminders", () -> refills.dueIds(today, PER_SWEEP),
                id -> refills.lockIfDue(id, today).chain(r -> r == null ? Uni.createFrom().voidItem() : remind(r)));
    }

    private Uni<Void> remind(Refill refill) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(zone()));
        LocalDate last = refill.runsOutOn().plusDays(SLOTS_AFTER_RUNNING_OUT);
        LocalDate until = last.isAfter(today.plusDays(31)) ? today.plusDays(31) : last;
        Uni<List<FreeSlot>> free = until.isBefore(today) ? Uni.createFrom().item(List.of()) : schedules.freeSlots(refill.doctorId(), today, until);
        return free.onFailure().recoverWithItem(List.of())
                .map(slots -> slots.stream().filter(s -> s.startsAt().isAfter(now)).findFirst().orElse(null))
                .chain(slot -> {
                    if (!refill.remind(now, slot)) {
                        return Uni.createFrom().voidItem();
                    }
                    return patients.find(refill.patientId()).chain(facts -> facts.map(PatientFacts::account)
                            .map(account -> notifier.send(reminder(account, refill)))
                            .orElseGet(() -> Uni.createFrom().voidItem()))
                            .chain(() -> outbox.append(RefillEvents.TOPIC, RefillEvents.DUE, refill.patientId().toString(), RefillEvents.due(refill)))
                            .replaceWithVoid();
                });
    }

    private Notification.Note reminder(String account, Refill r) {
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
        String slot = r.suggestedSlotAt() == null ? " Book a follow-up visit with your doctor."
                : " Your doctor has a free slot on " + r.suggestedSlotAt().atZone(zone()).toLocalDateTime().toString().replace('T', ' ')
                        + " (slot " + r.suggestedSlotId() + ").";
        return new Notification.Note(account, Notification.Audience.PATIENT, Notification.Kind.REFILL_DUE, r.prescriptionId(),
                "Your medicine runs out on " + day.format(r.runsOutOn()),
                "Your prescription's supply runs out on " + day.format(r.runsOutOn()) + "; a follow-up visit renews it." + slot);
    }

    private ZoneId zone() {
        return clock.getZone();
    }
}
