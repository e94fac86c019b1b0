package org.ihospital.insurance.claim;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.insurance.infrastructure.Payers;
import org.ihospital.insurance.payer.Answer;
import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;
import org.ihospital.insurance.policy.Benefits;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A claim's exchange with its payers (see {@link Coordination}): queues the submissions in the claim's
 * transaction, and applies the answers with the claim locked — a payer's objection becomes a flag, and
 * when the last pre-settlement is answered the claim is published ({@code claim.adjudicated}), held if any
 * flag holds it.
 */
@ApplicationScoped
public class ExchangeService {

    private final PayerSubmissionRepository submissions;
    private final ClaimRepository claims;
    private final ClaimFlagRepository flags;
    private final Payers payers;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ExchangeService(PayerSubmissionRepository submissions, ClaimRepository claims, ClaimFlagRepository flags, Payers payers, Outbox outbox,
            ObjectMapper json, Clock clock) {
        this.submissions = submissions;
        this.claims = claims;
        this.flags = flags;
        this.payers = payers;
        this.outbox = outbox;
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.clock = clock;
    }

    /**
     * Asks the payers to confirm a claim just adjudicated (in its transaction). A supplementary plan with
     * no payer configured to exchange it with is a flag that holds the claim, raised before it goes out.
     */
    Uni<Void> preSettle(Claim claim, Benefits benefits) {
        List<Coordination.Submission> all = Coordination.preSettlements(claim, benefits).stream()
                .filter(s -> payers.has(s.payer())).toList();
        Uni<Void> missing = Uni.createFrom().voidItem();
        if (benefits.supplementary() != null && !payers.has(Liability.SUPPLEMENTARY)) {
            missing = raise(claim, Coordination.unanswered(Liability.SUPPLEMENTARY, Phase.PRE_SETTLEMENT,
                    "no supplementary payer is configured (hospital.insurance.payers.supplementary)"));
        }
        return missing.chain(() -> queue(claim, all, 1));
    }

    /**
     * The claim was settled (delivered): each payer asked to pre-settle it is asked to pay, in order. A
     * covered claim that no payer was ever asked about (adjudicated before the exchange existed) is a
     * notice for auditors: its payers' share is settled by hand.
     */
    Uni<Void> settle(Claim claim) {
        return follow(claim, Phase.SETTLEMENT);
    }

    /**
     * The claim was voided: pre-settlements not yet sent are withdrawn (never sent), and each payer that
     * was or may have been asked is told to release it, after its pre-settlement, whatever came of it.
     */
    Uni<Void> cancel(Claim claim) {
        if (claim.policyId() == null) {
            return Uni.createFrom().voidItem(); // not covered: no payer was ever asked
        }
        // withdrawn first, before this session reads any submission of the claim (a bulk update)
        return submissions.withdrawUnsent(claim.id(), Phase.PRE_SETTLEMENT, clock.instant()).chain(() -> follow(claim, Phase.CANCELLATION));
    }

    /** Delivered after all, after it was voided: the cancellations not yet sent are withdrawn, and the payers asked to pay. */
    Uni<Void> settleAfterVoid(Claim claim) {
        return submissions.withdrawUnsent(claim.id(), Phase.CANCELLATION, clock.instant()).chain(() -> follow(claim, Phase.SETTLEMENT));
    }

    private Uni<Void> follow(Claim claim, Phase phase) {
        return submissions.ofClaim(claim.id()).chain(sent -> {
            List<Liability> asked = sent.stream().filter(s -> s.phase() == Phase.PRE_SETTLEMENT && s.status() != PayerSubmission.Status.WITHDRAWN)
                    .map(PayerSubmission::payer).toList();
            if (asked.isEmpty() && phase == Phase.SETTLEMENT && claim.policyId() != null) {
                return raise(claim, new CostControl.Flag(CostControl.Kind.PAYER_UNAVAILABLE, CostControl.Severity.NOTICE, null,
                        "no payer was ever asked to pre-settle this claim (adjudicated before the claims exchange): settle the payers' share by hand"));
            }
            List<Coordination.Submission> next = asked.stream()
                    .map(p -> phase == Phase.SETTLEMENT ? Coordination.settlement(claim, p) : Coordination.cancellation(claim, p)).toList();
            int seq = sent.stream().mapToInt(PayerSubmission::seq).max().orElse(0) + 1;
            return queue(claim, next, seq);
        });
    }

    private Uni<Void> queue(Claim claim, List<Coordination.Submission> all, int firstSeq) {
        var now = clock.instant();
        return Multi.createFrom().range(0, all.size()).onItem().transformToUniAndConcatenate(i -> {
            var s = all.get(i);
            return submissions.persist(PayerSubmission.of(claim.id(), firstSeq + i, s.payer(), s.phase(), body(s.request()), now));
        }).collect().last().replaceWithVoid();
    }

    private String body(Object request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payer submission could not be written", e);
        }
    }

    /** The payer answered this attempt: recorded once, with the claim locked. Runs in the dispatcher's transaction. */
    Uni<Void> answered(PayerSubmissionRepository.Submission s, Answer answer) {
        return apply(s, (claim, submission) -> {
            submission.answered(answer, clock.instant());
            return Coordination.judge(claim, s.payer(), s.phase(), answer);
        });
    }

    /** No answer after the last retry: failed for good, a flag for an auditor. Runs in the dispatcher's transaction. */
    Uni<Void> failed(PayerSubmissionRepository.Submission s, String error) {
        return apply(s, (claim, submission) -> {
            submission.failed(error, clock.instant());
            return Optional.of(Coordination.unanswered(s.payer(), s.phase(), error));
        });
    }

    private interface Outcome {
        Optional<CostControl.Flag> record(Claim claim, PayerSubmission submission);
    }

    /** With the claim locked (then the submission, the order every writer takes): records the outcome of this attempt, once. */
    private Uni<Void> apply(PayerSubmissionRepository.Submission s, Outcome outcome) {
        return claims.locked(s.claimId()).chain(claim -> submissions.lockedAttempt(s).chain(submission -> {
            if (claim == null || submission == null) {
                return Uni.createFrom().voidItem();
            }
            Optional<CostControl.Flag> judged = outcome.record(claim, submission);
            // a pre-settlement answered after the claim was voided needs no auditor: its cancellation follows
            Optional<CostControl.Flag> flag = claim.status() == Claim.Status.VOIDED && s.phase() == Phase.PRE_SETTLEMENT ? Optional.empty() : judged;
            Uni<Void> raised = flag.map(f -> raise(claim, f)).orElse(Uni.createFrom().voidItem());
            if (s.phase() != Phase.PRE_SETTLEMENT) {
                return raised;
            }
            return raised.chain(() -> submissions.pendingOtherThan(claim.id(), Phase.PRE_SETTLEMENT, s.id())).chain(pending -> {
                if (pending > 0) {
                    return Uni.createFrom().voidItem();
                }
                return flags.of(claim.id()).chain(all -> {
                    boolean payerHold = all.stream().anyMatch(f -> f.open() && f.severity() == CostControl.Severity.HOLD)
                            || flag.filter(f -> f.severity() == CostControl.Severity.HOLD).isPresent();
                    return claim.confirm(payerHold, clock.instant()) ? outbox.publish(claim).replaceWithVoid() : Uni.createFrom().voidItem();
                });
            });
        }));
    }

    private Uni<Void> raise(Claim claim, CostControl.Flag flag) {
        return flags.persist(ClaimFlag.raised(claim.id(), flag)).replaceWithVoid();
    }

    /** What a claim's payers were asked and answered, for its view. */
    Uni<List<PayerSubmission>> of(Claim claim) {
        return submissions.ofClaim(claim.id());
    }
}
