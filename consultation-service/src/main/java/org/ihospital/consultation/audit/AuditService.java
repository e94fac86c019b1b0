package org.ihospital.consultation.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.security.Caller;
import org.ihospital.commons.web.RequestIds;
import org.ihospital.consultation.party.Party;
import org.jboss.logging.MDC;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail of staff reads of patients' records: written in the reading transaction (a read whose
 * transaction fails leaves no row, and no read goes unrecorded), and what auditors see of it.
 */
@ApplicationScoped
public class AuditService {

    private static final int BATCH = 1000;
    private static final List<String> STAFF = List.of("auditor", "doctor", "operator", "pharmacist");

    public record Page(List<AuditEntry> entries, Long nextAfter) {
    }

    /**
     * @param valid       every entry holds its hash, follows the one before, and the sequence has no gap up to the head
     * @param brokenAtSeq the first entry that does not, or null
     */
    public record ChainCheck(boolean valid, long entries, Long brokenAtSeq, String reason) {
    }

    private final AuditRepository trail;
    private final Clock clock;

    public AuditService(AuditRepository trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Records that the caller read {@code resource} of {@code patient}, unless the caller is that patient
     * reading their own record. Runs in the caller's transaction.
     *
     * @param reader the caller's records, as the reading use case resolved them
     */
    public Uni<Void> staffRead(Caller caller, Party reader, UUID patient, String action, String resource) {
        if (reader.isPatient(patient)) {
            return Uni.createFrom().voidItem();
        }
        String roles = String.join(",", caller.roles().stream().filter(STAFF::contains).sorted().toList());
        Object rid = MDC.get(RequestIds.MDC_KEY);
        String requestId = rid == null ? "" : rid.toString();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return trail.lockedHead().chain(head -> {
            AuditEntry entry = AuditEntry.next(head.seq, head.hash, at, caller.subject(), roles.isEmpty() ? "none" : roles, patient,
                    action, resource, requestId);
            head.advance(entry);
            return trail.append(entry);
        });
    }

    @WithSession
    public Uni<Page> ofPatient(UUID patient, long afterSeq, int limit) {
        return trail.ofPatient(patient, afterSeq, limit + 1).map(rows -> {
            List<AuditEntry> page = rows.stream().limit(limit).toList();
            return new Page(page, rows.size() > limit ? page.get(page.size() - 1).seq() : null);
        });
    }

    @WithSession
    public Uni<ChainCheck> verify() {
        return trail.head().chain(head -> walk(0, AuditEntry.GENESIS, head.seq, head.hash));
    }

    /** Checks the chain batch by batch from {@code afterSeq}, whose hash was {@code previousHash}. */
    private Uni<ChainCheck> walk(long afterSeq, String previousHash, long headSeq, String headHash) {
        return trail.after(afterSeq, BATCH).chain(batch -> {
            long expected = afterSeq;
            String previous = previousHash;
            for (AuditEntry entry : batch) {
                expected++;
                if (entry.seq() != expected) {
                    return Uni.createFrom().item(new ChainCheck(false, expected - 1, expected, "entry " + expected + " is missing"));
                }
                if (!entry.intact(previous)) {
                    return Uni.createFrom().item(new ChainCheck(false, expected - 1, entry.seq(),
                            "entry " + entry.seq() + " does not match its hash or the entry before it"));
                }
                previous = entry.hash();
            }
            if (batch.size() == BATCH) {
                return walk(expected, previous, headSeq, headHash);
            }
            if (expected != headSeq || !previous.equals(headHash)) {
                return Uni.createFrom().item(new ChainCheck(false, expected, expected + 1,
                        "the chain ends at " + expected + " but its head says " + headSeq));
            }
            return Uni.createFrom().item(new ChainCheck(true, expected, null, null));
        });
    }
}
