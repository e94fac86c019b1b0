package org.ihospital.insurance.claim;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;

/**
 * One submission of a claim to one payer, queued in the transaction that decided it and sent until the
 * payer answers (ANSWERED) or the retry schedule ends (FAILED). A claim's submissions go one at a time,
 * in the order of {@code seq}: basic before supplementary, a pre-settlement before its settlement or
 * cancellation.
 */
@Entity
@Table(name = "payer_submission")
public class PayerSubmission {

    public enum Status {
        PENDING, ANSWERED, FAILED,
        /** Never sent: its claim was voided first (a pre-settlement) or delivered after all (a cancellation). */
        WITHDRAWN
    }

    @Id
    private UUID id;
    @Column(name = "claim_id")
    private UUID claimId;
    private int seq;
    @Enumerated(EnumType.STRING)
    private Liability payer;
    @Enumerated(EnumType.STRING)
    private Phase phase;
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    private String request;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String outcome;
    @Column(name = "payer_pays")
    private Long payerPays;
    private String reason;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "answered_at")
    private Instant answeredAt;

    protected PayerSubmission() {
    }

    /** A submission to send now, after the claim's earlier ones ({@code seq}); {@code request} is the JSON sent. */
    static PayerSubmission of(UUID claim, int seq, Liability payer, Phase phase, String request, Instant now) {
        PayerSubmission s = new PayerSubmission();
        s.id = UUID.randomUUID();
        s.claimId = claim;
        s.seq = seq;
        s.payer = payer;
        s.phase = phase;
        s.idempotencyKey = phase.key(claim, payer);
        s.request = request;
        s.status = Status.PENDING;
        s.nextAttemptAt = now;
        s.createdAt = now;
        return s;
    }

    /** The payer's answer, recorded once. */
    void answered(Answer answer, Instant now) {
        status = Status.ANSWERED;
        outcome = answer.outcome();
        payerPays = answer.pays();
        reason = answer.reason();
        leaseUntil = null;
        lastError = null;
        answeredAt = now;
    }

    /** No answer after the last retry. */
    void failed(String error, Instant now) {
        status = Status.FAILED;
        leaseUntil = null;
        lastError = error;
        answeredAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID claimId() {
        return claimId;
    }

    public int seq() {
        return seq;
    }

    public Liability payer() {
        return payer;
    }

    public Phase phase() {
        return phase;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String request() {
        return request;
    }

    public Status status() {
        return status;
    }

    public String outcome() {
        return outcome;
    }

    public Long payerPays() {
        return payerPays;
    }

    public String reason() {
        return reason;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }
}
