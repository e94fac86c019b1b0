package org.ihospital.consultation.prescription;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ihospital.consultation.infrastructure.SqlValues;
import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.consultation.audit.AuditTrailRepository;
import org.ihospital.consultation.infrastructure.Caller;
import org.ihospital.consultation.infrastructure.Parties;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Issuing, signing, verifying, revoking and expiring e-prescriptions. */
@ApplicationScoped
public class PrescriptionService implements PanacheRepositoryBase<Prescription, UUID> {

    private static final Logger LOG = Logger.getLogger(PrescriptionService.class);

    public record ItemRequest(String drugCode, int quantity, BigDecimal doseAmount, Dosage.Frequency frequency, int days,
            String instructions) {
    }

    public record IssueRequest(UUID consultationId, List<ItemRequest> items) {
    }

    /** A prescription with its items, as shown and as replayed for an idempotent retry. */
    public record PrescriptionView(UUID id, UUID consultationId, UUID patientId, UUID doctorId, String status, List<String> diagnoses,
            Instant issuedAt, Instant expiresAt, List<PrescriptionItem> items, String signatureAlgorithm, UUID keyId, String signature) {
    }

    public record Verification(UUID prescriptionId, boolean valid, String algorithm, UUID keyId, String publicKey, String signature,
            String canonicalContentSha256) {
    }

    private final Parties parties;
    private final AuditTrailRepository audit;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final PrescriptionSigner signer;
    private final FollowUpOnlyPolicy followUpOnly;
    private final TimelineRepository timeline;
    private final Clock clock;
    private final Duration validity;

    public PrescriptionService(Parties parties, AuditTrailRepository audit, Idempotency idempotency, Outbox outbox, TimelineRepository timeline, Clock clock,
            @ConfigProperty(name = "hospital.prescription.key-encryption-key") String keyEncryptionKey,
            @ConfigProperty(name = "hospital.prescription.follow-up-only", defaultValue = "true") boolean followUpOnly,
            @ConfigProperty(name = "hospital.prescription.validity", defaultValue = "P3D") Duration validity) {
        this.parties = parties;
        this.audit = audit;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
        this.signer = new PrescriptionSigner(keyEncryptionKey);
        this.followUpOnly = new FollowUpOnlyPolicy(followUpOnly);
        this.validity = validity;
    }

    @WithTransaction
    public Uni<Idempotency.Outcome<PrescriptionView>> issue(Caller caller, IssueRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, "POST /api/v1/prescriptions", request, PrescriptionView.class,
                () -> issueNow(caller, request));
    }

    private Uni<PrescriptionView> issueNow(Caller caller, IssueRequest request) {
        List<PrescriptionItem> items = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        var seen = new HashSet<String>();
        for (int i = 0; i < request.items().size(); i++) {
            ItemRequest r = request.items().get(i);
            if (!seen.add(r.drugCode())) {
                errors.add(new Problem.FieldError("items[" + i + "].drugCode", "appears twice in the prescription"));
                continue;
            }
            var result = PrescriptionItem.of(i, r.drugCode(), r.quantity(), new Dosage(r.doseAmount(), r.frequency(), r.days()),
                    r.instructions());
            errors.addAll(result.errors());
            if (result.item() != null) {
                items.add(result.item());
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new PrescriptionProblems.InvalidItems(errors));
        }
        return parties.of(caller).chain(doctor -> Panache.getSession().chain(s -> s.createNativeQuery("""
                select c.patient_id, c.status, c.opened_at, d.licence_number, p.region from consultation c
                join doctor d on d.id = c.doctor_id join patient p on p.id = c.patient_id
                where c.id = ?1 and c.doctor_id = ?2""", Object[].class)
                .setParameter(1, request.consultationId()).setParameter(2, doctor).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(new ResourceNotFound("consultation", request.consultationId()));
                    }
                    Object[] c = rows.get(0);
                    UUID patient = (UUID) c[0];
                    if (!"COMPLETED".equals(c[1])) {
                        return Uni.createFrom().failure(new PrescriptionProblems.ConsultationNotCompleted(request.consultationId()));
                    }
                    Instant openedAt = SqlValues.instant(c[2]);
                    return currentAndEarlierDiagnoses(s, request.consultationId(), patient, openedAt)
                            .chain(d -> sign(s, doctor, patient, request.consultationId(), (String) c[3], (String) c[4],
                                    followUpOnly.followUps(d.current(), d.earlier()), items));
                })));
    }

    private record Diagnoses(List<String> current, List<String> earlier) {
    }

    /** This consultation's diagnoses, and the patient's earlier ones: offline conditions and earlier completed consultations. */
    private Uni<Diagnoses> currentAndEarlierDiagnoses(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID consultation, UUID patient,
            Instant openedAt) {
        return s.createNativeQuery("select icd10 from diagnosis where consultation_id = ?1 order by recorded_at, id", String.class)
                .setParameter(1, consultation).getResultList()
                .chain(current -> s.createNativeQuery("""
                        select icd10 from patient_condition where patient_id = ?1
                        union
                        select d.icd10 from diagnosis d join consultation c on c.id = d.consultation_id
                        where d.patient_id = ?1 and c.id <> ?2 and c.status = 'COMPLETED' and c.completed_at <= ?3""", String.class)
                        .setParameter(1, patient).setParameter(2, consultation).setParameter(3, openedAt).getResultList()
                        .map(earlier -> new Diagnoses(current, earlier)));
    }

    private Uni<PrescriptionView> sign(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID doctor, UUID patient, UUID consultation,
            String licence, String region, List<String> diagnoses, List<PrescriptionItem> items) {
        UUID id = UUID.randomUUID();
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = issuedAt.plus(validity);
        byte[] content = SignedContent.canonical(id, consultation, patient, doctor, licence, diagnoses, issuedAt, expiresAt, items);
        return signingKey(s, doctor).chain(key -> {
            String signature = signer.sign(content, key.sealed(), bytes(key.id()));
            Prescription prescription = Prescription.issue(id, consultation, patient, doctor, licence, diagnoses, issuedAt, expiresAt,
                    key.id(), signature);
            return s.persist(prescription).chain(s::flush)
                    .chain(() -> Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(i -> s.createNativeQuery("""
                            insert into prescription_item (prescription_id, line, drug_code, generic_name, form, strength, strength_unit,
                                atc, quantity, dose_amount, frequency, days, instructions)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)""")
                            .setParameter(1, id).setParameter(2, i.line()).setParameter(3, i.drugCode()).setParameter(4, i.genericName())
                            .setParameter(5, i.form()).setParameter(6, i.strength()).setParameter(7, i.strengthUnit())
                            .setParameter(8, i.atc()).setParameter(9, i.quantity()).setParameter(10, i.dosage().amount())
                            .setParameter(11, i.dosage().frequency().name()).setParameter(12, i.dosage().days())
                            .setParameter(13, i.instructions()).executeUpdate()).collect().last())
                    .chain(() -> s.createNativeQuery("select substance, severity from allergy where patient_id = ?1 and active order by substance",
                            Object[].class).setParameter(1, patient).getResultList())
                    .chain(allergies -> outbox.append(PrescriptionEvents.TOPIC, PrescriptionEvents.ISSUED, id.toString(),
                            new PrescriptionEvents.PrescriptionIssued(id, consultation, patient, doctor, issuedAt, expiresAt, diagnoses,
                                    region, allergies.stream().map(a -> new PrescriptionEvents.Allergy((String) a[0], (String) a[1])).toList(),
                                    items.stream().map(i -> new PrescriptionEvents.Item(i.line(), i.drugCode(), i.genericName(), i.atc(),
                                            i.form(), i.strength().stripTrailingZeros().toPlainString(), i.strengthUnit(), i.quantity(),
                                            new PrescriptionEvents.Dose(i.dosage().amount().stripTrailingZeros().toPlainString(),
                                                    i.dosage().frequency().name(), i.dosage().days()))).toList())))
                    .chain(eventId -> timeline.recordOwn(id, eventId, PrescriptionEvents.ISSUED.name(), issuedAt))
                    .replaceWith(() -> view(prescription, items));
        });
    }

    private record Key(UUID id, PrescriptionSigner.SealedKey sealed) {
    }

    /** The doctor's active key, made on their first prescription (concurrent first prescriptions share one). */
    private Uni<Key> signingKey(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID doctor) {
        UUID fresh = UUID.randomUUID();
        PrescriptionSigner.SealedKey sealed = signer.newKey(bytes(fresh));
        return s.createNativeQuery("""
                insert into doctor_key (id, doctor_id, algorithm, public_key, private_key_encrypted, iv, created_at)
                values (?1, ?2, 'Ed25519', ?3, ?4, ?5, now()) on conflict (doctor_id) where active do nothing""")
                .setParameter(1, fresh).setParameter(2, doctor).setParameter(3, sealed.publicKey())
                .setParameter(4, sealed.sealedPrivateKey()).setParameter(5, sealed.iv()).executeUpdate()
                .chain(() -> s.createNativeQuery("""
                        select id, public_key, private_key_encrypted, iv from doctor_key where doctor_id = ?1 and active""", Object[].class)
                        .setParameter(1, doctor).getSingleResult())
                .map(r -> new Key((UUID) r[0], new PrescriptionSigner.SealedKey((byte[]) r[1], (byte[]) r[2], (byte[]) r[3])));
    }

    @WithTransaction
    public Uni<PrescriptionView> get(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.NONE)
                .call(p -> audit.staffRead(caller, p.patientId(), "read-prescription", "prescription/" + id))
                .chain(p -> items(id).map(items -> view(p, items)));
    }

    /** Recomputes the canonical content from the stored fields and checks the doctor's signature over it. */
    @WithTransaction
    public Uni<Verification> verify(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.NONE)
                .call(p -> audit.staffRead(caller, p.patientId(), "verify-prescription", "prescription/" + id + "/verification"))
                .chain(p -> items(id).chain(items -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select public_key from doctor_key where id = ?1", byte[].class)
                        .setParameter(1, p.keyId()).getSingleResult())
                .map(publicKey -> {
                    byte[] content = SignedContent.canonical(p.id(), p.consultationId(), p.patientId(), p.doctorId(), p.doctorLicence(),
                            p.diagnoses(), p.issuedAt(), p.expiresAt(), items);
                    boolean valid = PrescriptionSigner.verify(content, p.signature(), publicKey);
                    return new Verification(p.id(), valid, PrescriptionSigner.ALGORITHM, p.keyId(),
                            java.util.Base64.getEncoder().encodeToString(publicKey), p.signature(), sha256(content));
                })));
    }

    @WithTransaction
    public Uni<List<TimelineRepository.Step>> timeline(Caller caller, UUID id) {
        return visible(caller, id, LockModeType.NONE)
                .call(p -> audit.staffRead(caller, p.patientId(), "read-timeline", "prescription/" + id + "/timeline"))
                .chain(p -> timeline.of(id));
    }

    @WithTransaction
    public Uni<PrescriptionView> revoke(Caller caller, UUID id, String reason) {
        if (!caller.isDoctor()) {
            return Uni.createFrom().failure(new ForbiddenException("only the prescribing doctor revokes"));
        }
        return visible(caller, id, LockModeType.PESSIMISTIC_WRITE).chain(p -> {
            Instant now = clock.instant();
            p.revoke(reason, now);
            return outbox.append(PrescriptionEvents.TOPIC, PrescriptionEvents.REVOKED, id.toString(),
                    new PrescriptionEvents.PrescriptionRevoked(id, p.patientId(), reason, now))
                    .chain(eventId -> timeline.recordOwn(id, eventId, PrescriptionEvents.REVOKED.name(), now))
                    .chain(() -> items(id)).map(items -> view(p, items));
        });
    }

    /** Prescriptions past their validity expire, each with its event; run by the scheduler. */
    @Scheduled(every = "${hospital.prescription.expiry-sweep:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select id from prescription where status = 'ISSUED' and expires_at <= now()
                        order by expires_at limit 100 for update skip locked""", UUID.class).getResultList())
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::expire).collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Prescription expiry failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> expire(UUID id) {
        return findById(id).chain(p -> {
            Instant now = clock.instant();
            if (!p.expire(now)) {
                return Uni.createFrom().voidItem();
            }
            return outbox.append(PrescriptionEvents.TOPIC, PrescriptionEvents.EXPIRED, id.toString(),
                    new PrescriptionEvents.PrescriptionExpired(id, p.patientId(), now))
                    .chain(eventId -> timeline.recordOwn(id, eventId, PrescriptionEvents.EXPIRED.name(), now));
        });
    }

    /** A partner pharmacy dispensed it (order.dispensed): never again, and no longer revocable. Runs in the caller's transaction. */
    public Uni<Void> dispensed(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).invoke(p -> {
            if (p != null) {
                p.dispensed();
            }
        }).replaceWithVoid();
    }

    Uni<List<PrescriptionItem>> items(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select line, drug_code, generic_name, form, strength, strength_unit, atc, quantity, dose_amount, frequency, days, instructions
                from prescription_item where prescription_id = ?1 order by line""", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.stream().map(r -> new PrescriptionItem(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                        (String) r[3], (BigDecimal) r[4], (String) r[5], (String) r[6], ((Number) r[7]).intValue(),
                        new Dosage((BigDecimal) r[8], Dosage.Frequency.valueOf((String) r[9]), ((Number) r[10]).intValue()),
                        (String) r[11])).toList());
    }

    /**
     * The prescription if the caller may see it: its patient, its doctor, or staff who review and audit
     * prescriptions (pharmacists, auditors). For anyone else it does not exist.
     */
    Uni<Prescription> visible(Caller caller, UUID id, LockModeType lock) {
        if (caller.roles().contains("pharmacist") || caller.roles().contains("auditor")) {
            return findById(id, lock).onItem().ifNull().failWith(() -> new ResourceNotFound("prescription", id));
        }
        return parties.of(caller).chain(party -> findById(id, lock)
                .map(p -> p != null && (party.equals(p.patientId()) || party.equals(p.doctorId())) ? p : null))
                .onItem().ifNull().failWith(() -> new ResourceNotFound("prescription", id));
    }

    private static PrescriptionView view(Prescription p, List<PrescriptionItem> items) {
        return new PrescriptionView(p.id(), p.consultationId(), p.patientId(), p.doctorId(), p.status().name(), p.diagnoses(),
                p.issuedAt(), p.expiresAt(), items, PrescriptionSigner.ALGORITHM, p.keyId(), p.signature());
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
