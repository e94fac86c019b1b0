package org.ihospital.consultation.audit;

import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Walks the chain from its start in one snapshot, batch by batch: every entry in place and intact (its
 * link recomputed with the key), every checkpoint on the way matching the chain and signed by the
 * hospital, and the chain reaching at least its last checkpoint (a cut tail is found). Plain rules, no I/O.
 */
final class AuditVerifier {

    private final byte[] key;
    private final boolean acceptLegacy;
    private final List<AuditCheckpoint> checkpoints;
    private final Predicate<AuditCheckpoint> signatureHolds;
    private final Iterator<AuditCheckpoint> nextCheckpoint;
    private AuditCheckpoint pending;
    private long expected;
    private String previous = AuditEntry.GENESIS;
    private boolean hmacSeen;
    private ChainCheck broken;

    /** @param signatureHolds whether a checkpoint's signature over its statement holds with a hospital key */
    AuditVerifier(byte[] key, boolean acceptLegacy, List<AuditCheckpoint> checkpoints, Predicate<AuditCheckpoint> signatureHolds) {
        this.key = key;
        this.acceptLegacy = acceptLegacy;
        this.checkpoints = List.copyOf(checkpoints);
        this.signatureHolds = signatureHolds;
        this.nextCheckpoint = this.checkpoints.iterator();
        this.pending = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
    }

    /** Checks the next entries, in seq order; after a break the rest is ignored. */
    void check(List<AuditEntry> batch) {
        for (AuditEntry entry : batch) {
            if (broken != null) {
                return;
            }
            expected++;
            if (entry.seq() != expected) {
                broken = fail(expected, "entry " + expected + " is missing");
                return;
            }
            if (AuditEntry.HMAC.equals(entry.algorithm())) {
                hmacSeen = true;
            } else if (!acceptLegacy || hmacSeen) {
                broken = fail(entry.seq(), "entry " + entry.seq() + " is not linked with the chain's key");
                return;
            }
            if (!entry.intact(previous, key)) {
                broken = fail(entry.seq(), "entry " + entry.seq() + " does not match its link or the entry before it");
                return;
            }
            previous = entry.hash();
            while (pending != null && pending.seq() == entry.seq()) {
                if (!pending.hash().equals(entry.hash()) || !signatureHolds.test(pending)) {
                    broken = fail(entry.seq(), "checkpoint " + pending.seq() + " does not seal the chain as it is");
                    return;
                }
                pending = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
            }
        }
    }

    /** The verdict once every entry of the snapshot was checked; {@code unchained}: appended events no link covers yet. */
    ChainCheck finish(long unchained) {
        if (broken != null) {
            return new ChainCheck(false, broken.entries(), broken.brokenAtSeq(), broken.reason(), sealedUpTo(), unchained);
        }
        if (pending != null) {
            return new ChainCheck(false, expected, expected + 1, "the chain ends at " + expected + " but checkpoint " + pending.seq()
                    + " sealed it further: entries were cut off its end", sealedUpTo(), unchained);
        }
        return new ChainCheck(true, expected, null, null, sealedUpTo(), unchained);
    }

    private long sealedUpTo() {
        return checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).seq();
    }

    private ChainCheck fail(long seq, String reason) {
        return new ChainCheck(false, expected - 1, seq, reason, 0, 0);
    }
}
