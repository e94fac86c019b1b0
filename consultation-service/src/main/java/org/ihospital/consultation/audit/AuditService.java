package org.ihospital.consultation.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.persistence.NativeQueries;
import org.ihospital.consultation.infrastructure.SqlValues;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What auditors see: the trail of one patient's record, and whether the whole chain is intact. */
@ApplicationScoped
public class AuditService {

    private static final int BATCH = 1000;

    public record Page(List<AuditEntry> entries, Long nextAfter) {
    }

    /**
     * @param valid        every entry holds its hash, follows the one before, and the sequence has no gap up to the head
     * @param brokenAtSeq  the first entry that does not, or null
     */
    public record ChainCheck(boolean valid, long entries, Long brokenAtSeq, String reason) {
    }

    @WithSession
    public Uni<Page> ofPatient(UUID patient, long afterSeq, int limit) {
        return select("where patient_id = ?1 and seq > ?2 order by seq limit ?3", patient, afterSeq, limit + 1)
                .map(rows -> {
                    List<AuditEntry> page = rows.stream().limit(limit).toList();
                    return new Page(page, rows.size() > limit ? page.get(page.size() - 1).seq() : null);
                });
    }

    @WithSession
    public Uni<ChainCheck> verify() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select seq, hash from audit_head where id = 1", Object[].class)
                .getSingleResult())
                .chain(head -> walk(0, AuditEntry.GENESIS, ((Number) head[0]).longValue(), (String) head[1]));
    }

    /** Checks the chain batch by batch from {@code afterSeq}, whose hash was {@code previousHash}. */
    private Uni<ChainCheck> walk(long afterSeq, String previousHash, long headSeq, String headHash) {
        return select("where seq > ?1 order by seq limit ?2", afterSeq, BATCH).chain(batch -> {
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

    private Uni<List<AuditEntry>> select(String where, Object... params) {
        return Panache.getSession().chain(s -> NativeQueries.bind(s.createNativeQuery("""
                select seq, at, actor, actor_role, patient_id, action, resource, request_id, prev_hash, hash from audit_log
                """ + where, Object[].class), params).getResultList()).map(rows -> rows.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(), SqlValues.instant(r[1]), (String) r[2], (String) r[3],
                (UUID) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9])).toList());
    }

}
