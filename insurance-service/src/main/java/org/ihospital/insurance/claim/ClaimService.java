package org.ihospital.insurance.claim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.insurance.catalogue.CatalogueQueries;
import org.ihospital.insurance.policy.Benefits;
import org.ihospital.insurance.policy.PolicyQueries;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Claims: adjudicated when a pharmacist approves a prescription, settled when it is delivered, voided when
 * it never will be. Each change runs in the handler's inbox transaction, with the patient's year locked.
 */
@ApplicationScoped
public class ClaimService {

    /** Without coverage the patient pays the full price: the split with no payer. */
    private static final Benefits NO_COVERAGE = new Benefits(0, 0, 0, 0, null);

    /** What a claim needs of an approved prescription. */
    public record Approved(UUID prescriptionId, UUID patientId, String patientAccount, Instant approvedAt, List<Adjudication.Line> lines) {
    }

    /** A claim as the patient and auditors see it. */
    public record ClaimView(UUID id, UUID prescriptionId, UUID patientId, String status, long total, long basicPays, long supplementaryPays,
            Long patientPays, String reason, List<ClaimLine> lines, Instant adjudicatedAt, Instant settledAt, Instant voidedAt) {
        static ClaimView of(Claim c) {
            return new ClaimView(c.id(), c.prescriptionId(), c.patientId(), c.status().name(), c.total(), c.basicPays(), c.supplementaryPays(),
                    c.patientPays(), c.reason(), c.lines(), c.adjudicatedAt(), c.settledAt(), c.voidedAt());
        }
    }

    public record ClaimPage(List<ClaimView> items, String nextCursor) {
    }

    private final ClaimRepository claims;
    private final AccumulatorRepository accumulators;
    private final CatalogueQueries catalogue;
    private final PolicyQueries policies;
    private final Outbox outbox;
    private final Clock clock;

    public ClaimService(ClaimRepository claims, AccumulatorRepository accumulators, CatalogueQueries catalogue, PolicyQueries policies,
            Outbox outbox, Clock clock) {
        this.claims = claims;
        this.accumulators = accumulators;
        this.catalogue = catalogue;
        this.policies = policies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Adjudicates an approved prescription, once: against the coverage on the day it was approved (clinic
     * time), with the patient's year locked; no coverage → self-pay; a drug the catalogue lacks → rejected
     * as unpriceable. Runs in the caller's (the handler's) transaction.
     */
    public Uni<Void> adjudicate(Approved approved) {
        return claims.ofPrescription(approved.prescriptionId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            LocalDate day = LocalDate.ofInstant(approved.approvedAt(), clock.getZone());
            var prescription = new Claim.Prescription(approved.prescriptionId(), approved.patientId(), approved.patientAccount(), day.getYear());
            return catalogue.items(approved.lines().stream().map(Adjudication.Line::drugCode).toList()).chain(items -> {
                var missing = approved.lines().stream().map(Adjudication.Line::drugCode).filter(code -> !items.containsKey(code)).findFirst();
                if (missing.isPresent()) {
                    return persist(Claim.unpriceable(prescription, approved.lines(), "drug " + missing.get() + " is not in the insurance catalogue", now));
                }
                return policies.coverageOn(approved.patientId(), day).chain(coverage -> {
                    if (coverage.isEmpty()) {
                        var fullPrice = Adjudication.adjudicate(approved.lines(), items, NO_COVERAGE, YearToDate.NONE);
                        return persist(Claim.selfPay(prescription, fullPrice, "no coverage on " + day + ": self-pay", now));
                    }
                    return accumulators.locked(approved.patientId(), day.getYear()).chain(year -> {
                        var split = Adjudication.adjudicate(approved.lines(), items, coverage.get().benefits(), year.year());
                        year.add(split.takes());
                        return persist(Claim.adjudicated(prescription, coverage.get().policyId(), split, now));
                    });
                });
            });
        });
    }

    private Uni<Void> persist(Claim claim) {
        return claims.persist(claim).chain(() -> outbox.publish(claim)).replaceWithVoid();
    }

    /** The medicine was delivered: the claim is settled, once. Runs in the caller's (the handler's) transaction. */
    public Uni<Void> settle(UUID prescription) {
        return claims.ofPrescription(prescription).chain(claim -> {
            if (claim == null || !claim.settle(clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            return outbox.publish(claim).replaceWithVoid();
        });
    }

    /** It will never be settled: voided, once, and the patient's year gets back exactly what it took. Runs in the caller's transaction. */
    public Uni<Void> voidFor(UUID prescription, String why) {
        return claims.ofPrescription(prescription).chain(claim -> {
            if (claim == null) {
                return Uni.createFrom().voidItem();
            }
            YearToDate took = claim.takes();
            if (!claim.voidFor(why, clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> giveBack = took.equals(YearToDate.NONE) ? Uni.createFrom().voidItem()
                    : accumulators.locked(claim.patientId(), claim.year()).invoke(year -> year.giveBack(took)).replaceWithVoid();
            return giveBack.chain(() -> outbox.publish(claim)).replaceWithVoid();
        });
    }

    /** A claim, for its patient, auditors and operators; to anyone else it does not exist. */
    @WithTransaction
    public Uni<ClaimView> get(Caller caller, UUID id) {
        return claims.findById(id).map(c -> {
            boolean staff = caller.is(Caller.AUDITOR) || caller.isOperator();
            if (c == null || !staff && !caller.subject().equals(c.patientAccount())) {
                throw new ResourceNotFound("claim", id);
            }
            return ClaimView.of(c);
        });
    }

    /** The caller's own claims, the newest first. */
    @WithTransaction
    public Uni<ClaimPage> mine(Caller caller, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return claims.ofAccount(caller.subject(), before, limit)
                .map(found -> Cursor.Page.of(found, limit, Claim::adjudicatedAt, Claim::id))
                .map(page -> new ClaimPage(page.map(ClaimView::of), page.next()));
    }
}
