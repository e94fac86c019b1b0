package org.ihospital.consultation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The audit chain's rules: linked with a key the database never sees, sealed by signed checkpoints. */
class AuditVerifierTest {

    private static final byte[] KEY = "the-chain-key-that-never-enters-the-db".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditEntry.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEvent event = new AuditEvent((long) i, T0.plusSeconds(i), "doctor-" + i, "doctor", UUID.randomUUID(), "read-record",
                    "patient/x/record", "req-" + i);
            AuditEntry entry = AuditEntry.chain(i, previous, event, KEY);
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    /** Checkpoints "signed" by a stand-in: valid when the signature is "ok". */
    private static ChainCheck verify(List<AuditEntry> entries, List<AuditCheckpoint> checkpoints) {
        AuditVerifier verifier = new AuditVerifier(KEY, false, checkpoints, c -> "ok".equals(c.signature()));
        verifier.check(entries);
        return verifier.finish(0);
    }

    private static AuditCheckpoint sealed(AuditEntry at) {
        return new AuditCheckpoint(at.seq(), at.hash(), T0, "hospital-1", "ok");
    }

    private static AuditEntry with(AuditEntry e, String action, String hash) {
        return new AuditEntry(e.seq(), e.at(), e.actor(), e.actorRole(), e.patientId(), action, e.resource(), e.requestId(), e.prevHash(),
                hash, e.algorithm());
    }

    @Test
    void anIntactChainWithItsCheckpointsVerifies() {
        List<AuditEntry> entries = chain(5);
        var verdict = verify(entries, List.of(sealed(entries.get(2)), sealed(entries.get(4))));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.entries()).isEqualTo(5);
        assertThat(verdict.sealedUpTo()).isEqualTo(5);
    }

    @Test
    void anEntryRewrittenAndRehashedWithoutTheKeyIsFound() {
        List<AuditEntry> entries = new ArrayList<>(chain(5));
        AuditEntry victim = entries.get(2);
        String recomputed = AuditEntry.link(AuditEntry.LEGACY, KEY, victim.seq(), victim.at(), victim.actor(), victim.actorRole(),
                victim.patientId(), "read-nothing", victim.resource(), victim.requestId(), victim.prevHash());
        entries.set(2, with(victim, "read-nothing", recomputed));
        assertThat(verify(entries, List.of()).brokenAtSeq()).isEqualTo(3);
        // claiming the plain SHA-256 of old installations does not help either
        entries.set(2, new AuditEntry(victim.seq(), victim.at(), victim.actor(), victim.actorRole(), victim.patientId(), "read-nothing",
                victim.resource(), victim.requestId(), victim.prevHash(), recomputed, AuditEntry.LEGACY));
        var verdict = verify(entries, List.of());
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.brokenAtSeq()).isEqualTo(3);
    }

    @Test
    void aMissingEntryIsFound() {
        List<AuditEntry> entries = new ArrayList<>(chain(5));
        entries.remove(1);
        assertThat(verify(entries, List.of()).reason()).isEqualTo("entry 2 is missing");
    }

    @Test
    void aTailCutOffPastACheckpointIsFound() {
        List<AuditEntry> entries = chain(5);
        var verdict = verify(entries.subList(0, 3), List.of(sealed(entries.get(4))));
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("cut off its end");
    }

    @Test
    void aCheckpointThatDoesNotMatchOrIsNotSignedIsFound() {
        List<AuditEntry> entries = chain(5);
        var forged = new AuditCheckpoint(3, entries.get(2).hash(), T0, "hospital-1", "forged");
        assertThat(verify(entries, List.of(forged)).brokenAtSeq()).isEqualTo(3);
        var other = new AuditCheckpoint(3, entries.get(1).hash(), T0, "hospital-1", "ok");
        assertThat(verify(entries, List.of(other)).valid()).isFalse();
    }
}
