package org.ihospital.consultation.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.logging.PiiMask;
import org.ihospital.commons.security.Caller;
import org.ihospital.commons.web.RequestIds;
import org.ihospital.consultation.infrastructure.ConsultationConfig;
import org.ihospital.consultation.party.Party;
import org.ihospital.consultation.signature.SigningService;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail of staff reads of patients' records (ADR 0014): a read appends an event in its own
 * transaction (a read whose transaction fails leaves none, and no read goes unrecorded), one chainer
 * links the events in order with an HMAC, checkpoints are sealed with the hospital key, and auditors
 * verify the whole chain in one snapshot.
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);
    private static final int BATCH = 1000;
    private static final List<String> STAFF = List.of("auditor", "doctor", "operator", "pharmacist");

    public record Page(List<AuditEntry> entries, Long nextAfter) {
    }

    private final AuditRepository trail;
    private final SigningService signing;
    private final Clock clock;
    private final byte[] chainKey;
    private final boolean acceptLegacy;

    public AuditService(AuditRepository trail, SigningService signing, Clock clock, ConsultationConfig config) {
        this.trail = trail;
        this.signing = signing;
        this.clock = clock;
        this.chainKey = Base64.getDecoder().decode(config.audit().chainKey().trim());
        if (chainKey.length < 32) {
            throw new IllegalArgumentException("hospital.consultation.audit.chain-key must be base64 of at least 32 bytes");
        }
        this.acceptLegacy = config.audit().acceptLegacyLinks();
    }

    /**
     * Records that the caller read {@code resource} of {@code patient}, unless the caller is that patient
     * reading their own record. Runs in the caller's transaction; takes no lock.
     *
     * @param reader the caller's records, as the reading use case resolved them
     */
    public Uni<Void> staffRead(Caller caller, Party reader, UUID patient, String action, String resource) {
        if (reader.isPatient(patient)) {
            return Uni.createFrom().voidItem();
        }
        String roles = String.join(",", caller.roles().stream().filter(STAFF::contains).sorted().toList());
        Object rid = MDC.get(RequestIds.MDC_KEY);
        return trail.append(new AuditEvent(null, clock.instant().truncatedTo(ChronoUnit.MICROS), caller.subject(),
                roles.isEmpty() ? "none" : roles, patient, action, resource, rid == null ? "" : rid.toString()));
    }

    /** {@link #staffRead} for each patient on a page the caller listed, once per patient. */
    public Uni<Void> staffReads(Caller caller, Party reader, java.util.Collection<UUID> patients, String action, String resource) {
        return Multi.createFrom().iterable(patients.stream().distinct().toList())
                .onItem().transformToUniAndConcatenate(patient -> staffRead(caller, reader, patient, action, resource))
                .collect().last().replaceWithVoid();
    }

    /** Links what was appended since the last pass, in order (one chainer at a time across replicas). */
    @Scheduled(every = "${hospital.consultation.audit.chain-interval:500ms}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> chainPending() {
        return trail.chain(BATCH, (last, events) -> {
            long seq = last == null ? 0 : last.seq();
            String previous = last == null ? AuditEntry.GENESIS : last.hash();
            List<AuditRepository.Link> links = new ArrayList<>();
            for (AuditEvent event : events) {
                AuditEntry entry = AuditEntry.chain(++seq, previous, event, chainKey);
                links.add(new AuditRepository.Link(entry, event.id()));
                previous = entry.hash();
            }
            return links;
        }).onFailure().invoke(e -> LOG.warnf("Audit chaining failed, will retry: %s", PiiMask.reason(e)))
                .onFailure().recoverWithItem(0).replaceWithVoid();
    }

    /** Seals the chain's current end with the hospital key, when it moved since the last checkpoint. */
    @Scheduled(every = "${hospital.consultation.audit.checkpoint-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sealCheckpoint() {
        return trail.last().chain(last -> trail.lastCheckpoint().chain(sealed -> {
            if (last == null || (sealed != null && sealed.seq() >= last.seq())) {
                return Uni.createFrom().voidItem();
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            SigningService.HospitalSignature signature = signing.signAsHospital(AuditCheckpoint.statement(last.seq(), last.hash(), at));
            return trail.seal(new AuditCheckpoint(last.seq(), last.hash(), at, signature.keyId(), signature.value()));
        })).onFailure().invoke(e -> LOG.warnf("Audit checkpoint failed, will retry: %s", PiiMask.reason(e)))
                .onFailure().recoverWithNull();
    }

    public Uni<Page> ofPatient(UUID patient, long afterSeq, int limit) {
        return trail.ofPatient(patient, afterSeq, limit + 1).map(rows -> {
            List<AuditEntry> page = rows.stream().limit(limit).toList();
            return new Page(page, rows.size() > limit ? page.get(page.size() - 1).seq() : null);
        });
    }

    /** Walks the whole chain in one snapshot, checkpoints included. */
    public Uni<ChainCheck> verify() {
        return trail.inSnapshot(snapshot -> snapshot.checkpoints().chain(checkpoints -> {
            AuditVerifier verifier = new AuditVerifier(chainKey, acceptLegacy, checkpoints,
                    checkpoint -> signing.verifyHospitalSignature(checkpoint.statement(), checkpoint.keyId(), checkpoint.signature()));
            return walk(snapshot, verifier, 0).chain(() -> snapshot.unchainedOlderThan(60)).map(verifier::finish);
        }));
    }

    private Uni<Void> walk(AuditRepository.Snapshot snapshot, AuditVerifier verifier, long afterSeq) {
        return snapshot.after(afterSeq, BATCH).chain(batch -> {
            verifier.check(batch);
            return batch.size() < BATCH ? Uni.createFrom().voidItem() : walk(snapshot, verifier, batch.get(batch.size() - 1).seq());
        });
    }
}
