package org.ihospital.consultation.prescription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.commons.signing.Ed25519;
import org.ihospital.consultation.audit.AuditService;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordQueries;
import org.ihospital.consultation.consult.ConsultationQueries;
import org.ihospital.consultation.doctor.DoctorQueries;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.ihospital.consultation.party.Party;
import org.ihospital.consultation.party.PartyService;
import org.ihospital.consultation.patient.PatientFacts;
import org.ihospital.consultation.patient.PatientQueries;
import org.ihospital.consultation.signature.SigningService;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Issuing, reading, verifying, revoking and expiring e-prescriptions. */
@ApplicationScoped
public class PrescriptionService {

    private static final Logger LOG = Logger.getLogger(PrescriptionService.class);

    public record IssueRequest(UUID consultationId, List<PrescriptionItem.Requested> items) {
    }

    /** A prescription with its items, as shown and as replayed for an idempotent retry. */
    public record PrescriptionView(UUID id, UUID consultationId, UUID patientId, UUID doctorId, String status, List<String> diagnoses,
            Instant issuedAt, Instant expiresAt, List<PrescriptionItem> items, String signatureAlgorithm, UUID keyId, String signature,
            UUID renewalOf) {
        static PrescriptionView of(Prescription p) {
            return new PrescriptionView(p.id(), p.consultationId(), p.patientId(), p.doctorId(), p.status().name(), p.diagnoses(),
                    p.issuedAt(), p.expiresAt(), p.items(), Ed25519.ALGORITHM, p.keyId(), p.signature().value(), p.renewalOf());
        }
    }

    /** The verdict on a stored prescription's signature, and what it was checked with. */
    public record Verification(UUID prescriptionId, boolean valid, String reason, String algorithm, UUID keyId, String publicKey,
            String signature, String canonicalContentSha256) {
    }

    private final PrescriptionRepository prescriptions;
    private final ConsultationQueries consultations;
    private final ClinicalRecordQueries records;
    private final DoctorQueries doctors;
    private final PatientQueries patients;
    private final SigningService signing;
    private final PartyService parties;
    private final AuditService audit;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final FollowUpOnlyPolicy followUpOnly;
    private final Renewals renewals;
    private final Clock clock;
    private final Duration validity;

    public PrescriptionService(PrescriptionRepository prescriptions, ConsultationQueries consultations, ClinicalRecordQueries records,
            DoctorQueries doctors, PatientQueries patients, SigningService signing, PartyService parties, AuditService audit,
            Idempotency idempotency, Outbox outbox, Clock clock, ConsultationConfig config, Renewals renewals) {
        this.renewals = renewals;
        this.prescriptions = prescriptions;
        this.consultations = consultations;
        this.records = records;
        this.doctors = doctors;
        this.patients = patients;
        this.signing = signing;
        this.parties = parties;
        this.audit = audit;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.clock = clock;
        this.followUpOnly = new FollowUpOnlyPolicy(config.prescription().followUpOnly(),
                config.prescription().acceptOtherClinicianDuringVisit());
        this.validity = config.prescription().validity();
    }

    /** Issues once per Idempotency-Key, which a prescription must carry: a retried signature never makes a second prescription. */
    public Uni<Idempotency.Outcome<PrescriptionView>> issue(Caller caller, IssueRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, true, request, PrescriptionView.class,
                () -> parties.doctorOrNobody(caller).chain(doctor -> issueNow(caller, doctor, request, null)));
    }

    /** What a renewal asks for: the prescription to renew and the follow-up consultation it is renewed in. */
    public record RenewalRequest(UUID previous, UUID consultationId) {
    }

    /**
     * After a follow-up visit, the doctor prescribes again what the patient had, in one step: the same
     * medicines, quantities and dosages, checked, signed and issued like any prescription (so reviewed,
     * adjudicated and delivered like one), linked to the one it renews. Once per Idempotency-Key.
     */
    public Uni<Idempotency.Outcome<PrescriptionView>> renew(Caller caller, RenewalRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, true, request, PrescriptionView.class,
                () -> parties.doctorOrNobody(caller).chain(doctor -> prescriptions.findById(request.previous(), LockModeType.PESSIMISTIC_WRITE)
                        .chain(previous -> {
                            if (previous == null) {
                                return Uni.createFrom().failure(new ResourceNotFound("prescription", request.previous()));
                            }
                            var again = new IssueRequest(request.consultationId(), previous.items().stream().map(PrescriptionItem::again).toList());
                            return issueNow(caller, doctor, again, previous);
                        })));
    }

    /** Issues for the doctor's completed consultation; a renewal's must be of the renewed prescription's patient (else: no such prescription). */
    private Uni<PrescriptionView> issueNow(Caller caller, UUID doctor, IssueRequest request, Prescription renewed) {
        // a doctor's own items are checked first; a renewal's only once the prescription is known to be the caller's to renew
        List<PrescriptionItem> checkedFirst = renewed == null ? PrescriptionItem.allOf(request.items()) : null;
        UUID consultationId = request.consultationId();
        return consultations.find(consultationId).map(found -> found
                        .filter(c -> c.doctorId().equals(doctor))
                        .orElseThrow(() -> new ResourceNotFound("consultation", consultationId)))
                .chain(consultation -> {
                    if (renewed != null && !renewed.patientId().equals(consultation.patientId())) {
                        return Uni.createFrom().failure(new ResourceNotFound("prescription", renewed.id()));
                    }
                    if (renewed != null && !renewed.renewable()) {
                        return Uni.createFrom().failure(new PrescriptionProblems.NotRenewable(renewed.id(), renewed.status().name()));
                    }
                    if (renewed != null && !consultation.openedAt().isAfter(renewed.issuedAt())) {
                        return Uni.createFrom().failure(new PrescriptionProblems.RenewalNeedsAFollowUp(renewed.id(), consultationId));
                    }
                    List<PrescriptionItem> items = checkedFirst != null ? checkedFirst : PrescriptionItem.allOf(request.items());
                    Uni<Void> once = renewed == null ? Uni.createFrom().voidItem() : prescriptions.liveRenewalOf(renewed.id())
                            .chain(live -> live == null ? Uni.createFrom().voidItem()
                                    : Uni.createFrom().failure(new PrescriptionProblems.RenewedAlready(renewed.id(), live)));
                    if (!consultation.completed()) {
                        return Uni.createFrom().failure(new PrescriptionProblems.ConsultationNotCompleted(consultationId));
                    }
                    UUID patient = consultation.patientId();
                    return once.chain(() -> history(consultation, caller.subject()))
                            .map(history -> followUpOnly.followUps(consultation.diagnoses(), history))
                            .chain(diagnoses -> doctors.find(consultation.doctorId()).map(d -> d.orElseThrow().licenceNumber())
                                    .chain(licence -> patientOf(consultationId, patient)
                                            .chain(who -> signing.signerFor(consultation.doctorId()).map(key -> {
                                                Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                                                return Prescription.issue(who,
                                                        new Prescription.Prescriber(consultation.doctorId(), licence),
                                                        new Prescription.Treatment(diagnoses, items),
                                                        new Prescription.Validity(issuedAt, issuedAt.plus(validity)), key);
                                            }))));
                })
                .invoke(prescription -> {
                    if (renewed != null) {
                        prescription.renews(renewed.id());
                    }
                })
                .chain(prescription -> prescriptions.persist(prescription)
                        .chain(() -> prescriptions.flush())
                        .chain(() -> outbox.publish(prescription))
                        .chain(() -> renewed == null ? Uni.createFrom().voidItem() : renewals.renewed(renewed.id(), prescription.id()))
                        .replaceWith(() -> PrescriptionView.of(prescription)));
    }

    /** The patient's diagnoses before this visit: earlier completed consultations and recorded conditions. */
    private Uni<FollowUpOnlyPolicy.History> history(ConsultationQueries.ConsultationFacts consultation, String prescriber) {
        return consultations.diagnosesCompletedBefore(consultation.patientId(), consultation.openedAt(), consultation.id())
                .chain(earlier -> records.conditionsOf(consultation.patientId()).map(conditions -> new FollowUpOnlyPolicy.History(
                        consultation.openedAt(), prescriber, earlier, conditions.stream()
                                .map(c -> new FollowUpOnlyPolicy.RecordedCondition(c.icd10(), c.recordedAt(), c.recordedBy())).toList())));
    }

    private Uni<Prescription.Patient> patientOf(UUID consultation, UUID patient) {
        return patients.find(patient).chain(facts -> records.activeAllergiesOf(patient).map(allergies -> new Prescription.Patient(
                consultation, patient, facts.map(PatientFacts::account).orElse(null), facts.map(f -> f.region()).orElse(null),
                allergies.stream().map(a -> new PrescriptionEvents.Allergy(a.substance(), a.severity())).toList())));
    }

    /** A page of prescriptions, and the cursor of the next page (null on the last). */
    public record PrescriptionPage(List<PrescriptionView> items, String nextCursor) {
    }

    /**
     * The caller's prescriptions (a patient's own, those a doctor wrote), newest first, a page at a time.
     * A doctor's page is a staff read of each patient on it, and is audited as such.
     */
    @WithTransaction
    public Uni<PrescriptionPage> list(Caller caller, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return parties.of(caller).chain(party -> (caller.isPatient()
                ? prescriptions.newestFirst("patientId", party.patientId(), before, limit)
                : prescriptions.newestFirst("doctorId", party.doctorId(), before, limit))
                .map(found -> Cursor.Page.of(found, limit, Prescription::issuedAt, Prescription::id))
                .call(page -> audit.staffReads(caller, party, page.map(Prescription::patientId), "list-prescriptions", "prescriptions")))
                .map(page -> new PrescriptionPage(page.map(PrescriptionView::of), page.next()));
    }

    /**
     * A patient's prescriptions the caller takes part in (all of them for the patient, those a doctor wrote
     * for them), newest first; a doctor's answer is a staff read of the patient, audited like a list.
     */
    @WithTransaction
    public Uni<List<PrescriptionView>> ofPatient(Caller caller, UUID patient, int limit) {
        return parties.shareOf(caller, patient).chain(share -> prescriptions.ofPatient(patient, share.doctor(), limit)
                .call(found -> audit.staffReads(caller, share.party(), found.stream().map(Prescription::patientId).toList(),
                        "search-prescriptions", "patient/" + patient + "/prescriptions")))
                .map(found -> found.stream().map(PrescriptionView::of).toList());
    }

    @WithTransaction
    public Uni<PrescriptionView> get(Caller caller, UUID id) {
        return read(caller, id, "read-prescription", "prescription/" + id).map(PrescriptionView::of);
    }

    /** Recomputes the canonical content from the stored fields and checks the doctor's signature over it, trusting only the hospital's keys. */
    @WithTransaction
    public Uni<Verification> verify(Caller caller, UUID id) {
        return read(caller, id, "verify-prescription", "prescription/" + id + "/verification").chain(p -> {
            byte[] content = p.signedContent();
            return signing.verify(content, p.signature(), p.doctorId(), p.issuedAt())
                    .chain(result -> signing.key(p.keyId()).map(key -> new Verification(p.id(), result.valid(), result.reason(),
                            Ed25519.ALGORITHM, p.keyId(), key == null ? null : key.publicKey(), p.signature().value(), sha256(content))));
        });
    }

    /**
     * The doctor who prescribed it asks to withdraw it; pharmacy-service decides (ADR 0019) and the
     * outcome reaches the prescription and its timeline as revocation.confirmed or revocation.refused.
     */
    @WithTransaction
    public Uni<PrescriptionView> revoke(Caller caller, UUID id, String reason) {
        return parties.doctorOrNobody(caller)
                .chain(doctor -> prescriptions.findById(id, LockModeType.PESSIMISTIC_WRITE).map(p -> {
                    if (p == null || !p.doctorId().equals(doctor)) {
                        throw new ResourceNotFound("prescription", id);
                    }
                    p.requestRevocation(reason, clock.instant());
                    return p;
                }))
                .call(p -> outbox.publish(p))
                .map(PrescriptionView::of);
    }

    /** Prescriptions past their validity expire, each with its event; run by the scheduler. */
    @Scheduled(every = "${hospital.consultation.prescription.expiry-sweep:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return Panache.withTransaction(() -> prescriptions.due(clock.instant(), 100)
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::expire).collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Prescription expiry failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> expire(UUID id) {
        return prescriptions.findById(id).chain(p -> p.expire(clock.instant()) ? outbox.publish(p).chain(() -> lapsed(p))
                : Uni.createFrom().voidItem());
    }

    /** A renewal that will never be dispensed gives the refill loop back the one it renewed. */
    private Uni<Void> lapsed(Prescription p) {
        return p.renewalOf() == null ? Uni.createFrom().voidItem() : renewals.lapsed(p.id());
    }

    /** pharmacy-service confirmed a requested revocation: revoked, published. Runs in the caller's (the handler's) transaction. */
    public Uni<Void> revocationConfirmed(UUID id) {
        return prescriptions.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(p -> {
            if (p == null || !p.revocationConfirmed(clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            return outbox.publish(p).chain(() -> lapsed(p));
        });
    }

    /** pharmacy-service refused a requested revocation (dispensed already). Runs in the caller's (the handler's) transaction. */
    public Uni<Void> revocationRefused(UUID id) {
        return prescriptions.findById(id, LockModeType.PESSIMISTIC_WRITE).invoke(p -> {
            if (p != null) {
                p.revocationRefused();
            }
        }).replaceWithVoid();
    }

    /**
     * A partner pharmacy dispensed it (order.dispensed): never again, and no longer revocable. Runs in the caller's transaction.
     *
     * @return the prescription when it was dispensed now (null when unknown or dispensed before)
     */
    public Uni<Prescription> dispensed(UUID id) {
        return prescriptions.findById(id, LockModeType.PESSIMISTIC_WRITE).map(p -> p != null && p.dispensed() ? p : null);
    }

    /**
     * Whether the caller may read the prescription, audited: its patient, its doctor, or staff who review
     * and audit prescriptions (pharmacists, auditors). For anyone else it does not exist. Runs in the
     * caller's transaction.
     */
    public Uni<Void> mayRead(Caller caller, UUID id, String action, String resource) {
        return read(caller, id, action, resource).replaceWithVoid();
    }

    private Uni<Prescription> read(Caller caller, UUID id, String action, String resource) {
        return parties.of(caller).chain(party -> prescriptions.findById(id)
                .map(p -> p != null && readable(caller, party, p) ? p : null)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("prescription", id))
                .call(p -> audit.staffRead(caller, party, p.patientId(), action, resource)));
    }

    private static boolean readable(Caller caller, Party party, Prescription p) {
        return party.takesPartIn(p.patientId(), p.doctorId()) || caller.is(Caller.PHARMACIST) || caller.is(Caller.AUDITOR);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
