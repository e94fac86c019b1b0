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
import org.ihospital.commons.tracing.Traces;
import org.ihospital.insurance.catalogue.CatalogueQueries;
import org.ihospital.insurance.infrastructure.InsuranceConfig;
import org.ihospital.insurance.payer.Liability;
import org.ihospital.insurance.payer.Phase;
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

    /** A line of an approved prescription. */
    public record Item(int line, String drugCode, String atc, int quantity) {
    }

    /** What a claim needs of an approved prescription. */
    public record Approved(UUID prescriptionId, UUID patientId, String patientAccount, Instant approvedAt, List<Item> items) {

        List<Adjudication.Line> lines() {
            return items.stream().map(i -> new Adjudication.Line(i.line(), i.drugCode(), i.quantity())).toList();
        }
    }

    /** A flag as auditors see it. */
    public record FlagView(UUID id, CostControl.Kind kind, CostControl.Severity severity, Integer line, String detail, String resolvedBy,
            Instant resolvedAt, String resolution) {
        static FlagView of(ClaimFlag f) {
            return new FlagView(f.id(), f.kind(), f.severity(), f.line(), f.detail(), f.resolvedBy(), f.resolvedAt(), f.resolution());
        }
    }

    /** What a payer was asked and answered. */
    public record PayerView(Liability payer, Phase phase, String idempotencyKey, PayerSubmission.Status status, String outcome, Long pays,
            String reason, int attempts, String lastError, Instant answeredAt) {
        static PayerView of(PayerSubmission s) {
            return new PayerView(s.payer(), s.phase(), s.idempotencyKey(), s.status(), s.outcome(), s.payerPays(), s.reason(), s.attempts(),
                    s.lastError(), s.answeredAt());
        }
    }

    /** A claim as the patient and auditors see it; {@code confirmedAt} is when its payers confirmed the split. */
    public record ClaimView(UUID id, UUID prescriptionId, UUID patientId, String status, boolean held, long total, long basicPays,
            long supplementaryPays, Long patientPays, String reason, List<ClaimLine> lines, List<FlagView> flags, List<PayerView> payers,
            Instant adjudicatedAt, Instant confirmedAt, Instant settledAt, Instant voidedAt) {
        /** @param payers what its payers were asked and answered: shown to staff only (it names the payers' errors) */
        static ClaimView of(Claim c, List<ClaimFlag> flags, List<PayerSubmission> payers) {
            return new ClaimView(c.id(), c.prescriptionId(), c.patientId(), c.status().name(), c.held(), c.total(), c.basicPays(),
                    c.supplementaryPays(), c.patientPays(), c.reason(), c.lines(), flags.stream().map(FlagView::of).toList(),
                    payers.stream().map(PayerView::of).toList(), c.adjudicatedAt(), c.confirmedAt(), c.settledAt(), c.voidedAt());
        }
    }

    /** A quote: the split a prescription would get today, without touching the patient's year. */
    public record Quote(UUID patientId, boolean covered, long total, long basicPays, long supplementaryPays, long patientPays,
            List<Adjudication.LineSplit> lines) {
    }

    public record ClaimPage(List<ClaimView> items, String nextCursor) {
    }

    private final ClaimRepository claims;
    private final ClaimFlagRepository flags;
    private final CostControl costControl;
    private final AccumulatorRepository accumulators;
    private final CatalogueQueries catalogue;
    private final PolicyQueries policies;
    private final ExchangeService exchange;
    private final Outbox outbox;
    private final Clock clock;

    public ClaimService(ClaimRepository claims, ClaimFlagRepository flags, AccumulatorRepository accumulators, CatalogueQueries catalogue,
            PolicyQueries policies, ExchangeService exchange, Outbox outbox, Clock clock, InsuranceConfig config) {
        this.claims = claims;
        this.flags = flags;
        this.costControl = new CostControl(config.costControl().hold().stream().map(CostControl.Kind::valueOf)
                .collect(java.util.stream.Collectors.toSet()), config.costControl().refillInterval());
        this.accumulators = accumulators;
        this.catalogue = catalogue;
        this.policies = policies;
        this.exchange = exchange;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Adjudicates an approved prescription, once: against the coverage on the day it was approved (clinic
     * time), with the patient's year locked; no coverage → self-pay; a drug the catalogue lacks → rejected
     * as unpriceable. A covered claim is then sent to its payers to confirm ({@link ExchangeService}); it is
     * published when they answered. Runs in the caller's (the handler's) transaction.
     */
    public Uni<Void> adjudicate(Approved approved) {
        return claims.ofPrescription(approved.prescriptionId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            LocalDate day = LocalDate.ofInstant(approved.approvedAt(), clock.getZone());
            var prescription = new Claim.Prescription(approved.prescriptionId(), approved.patientId(), approved.patientAccount(), day.getYear(),
                    approved.items().stream().filter(i -> i.atc() != null).collect(java.util.stream.Collectors.toMap(Item::line, Item::atc)));
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
                        YearToDate opening = year.year();
                        var split = Adjudication.adjudicate(approved.lines(), items, coverage.get().benefits(), opening);
                        year.add(split.takes());
                        return claims.earlierLinesOf(approved.patientId(), now.minus(java.time.Duration.ofDays(366))).chain(earlier -> {
                            var raised = costControl.check(approved.items().stream().map(i -> new CostControl.Line(i.line(), i.drugCode(), i.atc(),
                                    i.quantity(), items.get(i.drugCode()).quantityLimit())).toList(), earlier, now);
                            boolean held = raised.stream().anyMatch(f -> f.severity() == CostControl.Severity.HOLD);
                            Claim claim = Claim.adjudicated(prescription, coverage.get().policyId(), split, opening, held, now);
                            return persist(claim).chain(() -> io.smallrye.mutiny.Multi.createFrom().iterable(raised)
                                    .onItem().transformToUniAndConcatenate(f -> flags.persist(ClaimFlag.raised(claim.id(), f))).collect().last())
                                    .chain(() -> exchange.preSettle(claim, coverage.get().benefits()));
                        });
                    });
                });
            });
        });
    }

    private Uni<Void> persist(Claim claim) {
        claim.partOfTrace(Traces.current()); // the reviewed event's trace: the payers' answers continue it
        return claims.persist(claim).chain(() -> outbox.publish(claim)).replaceWithVoid();
    }

    /** The claim's order was paid: from now on the prescription's expiry does not void it. Runs in the caller's transaction. */
    public Uni<Void> orderPaid(UUID prescription) {
        return claims.ofPrescription(prescription).invoke(claim -> {
            if (claim != null) {
                claim.orderPaid(clock.instant());
            }
        }).replaceWithVoid();
    }

    /**
     * The prescription expired: its claim is voided unless its order was paid (then the order is delivered
     * or cancelled, and its events end the claim). Runs in the caller's transaction.
     */
    public Uni<Void> expired(UUID prescription) {
        return claims.ofPrescription(prescription).chain(claim -> claim == null || claim.orderPaid() ? Uni.createFrom().voidItem()
                : voidFor(prescription, "the prescription expired"));
    }

    /**
     * The medicine was delivered: the claim is settled, once, and its payers are asked to pay. A claim voided
     * meanwhile (the expiry was heard before the payment) is not settled silently: an auditor is told.
     * Runs in the caller's (the handler's) transaction.
     */
    public Uni<Void> settle(UUID prescription) {
        return claims.ofPrescription(prescription).chain(claim -> {
            if (claim != null && claim.status() == Claim.Status.VOIDED) {
                return settleAfterVoid(claim);
            }
            if (claim == null || !claim.settle(clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> paid = claim.status() == Claim.Status.SETTLED ? exchange.settle(claim) : Uni.createFrom().voidItem();
            return paid.chain(() -> outbox.publish(claim)).replaceWithVoid();
        });
    }

    /**
     * Delivered after it was voided: settled after all, its share of the patient's year taken again, its
     * payers asked to pay (one told to cancel before refuses: a notice of its own), and auditors told.
     */
    private Uni<Void> settleAfterVoid(Claim claim) {
        String voided = claim.reason();
        if (!claim.settleAfterVoid(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        boolean covered = claim.status() == Claim.Status.SETTLED;
        YearToDate took = claim.takes();
        Uni<Void> retaken = took.equals(YearToDate.NONE) ? Uni.createFrom().voidItem()
                : accumulators.locked(claim.patientId(), claim.year()).invoke(year -> year.add(took)).replaceWithVoid();
        String detail = "the order was delivered after the claim was voided (" + voided + "): settled after all"
                + (covered ? "; its share of the patient's year was taken again and the payers were asked to pay (a payer already told to "
                        + "cancel refuses: settle its share by hand)" : "; the patient paid the full price");
        return retaken.chain(() -> covered ? exchange.settleAfterVoid(claim) : Uni.createFrom().voidItem())
                .chain(() -> flags.persist(ClaimFlag.raised(claim.id(), new CostControl.Flag(CostControl.Kind.DELIVERED_AFTER_VOID,
                        CostControl.Severity.NOTICE, null, detail))))
                .chain(() -> outbox.publish(claim)).replaceWithVoid();
    }

    /**
     * It will never be settled: voided, once, the patient's year gets back exactly what it took, and the
     * payers release what they confirmed. Runs in the caller's transaction.
     */
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
            return giveBack.chain(() -> exchange.cancel(claim)).chain(() -> outbox.publish(claim)).replaceWithVoid();
        });
    }

    /** A claim, for its patient, auditors and operators; to anyone else it does not exist. */
    @WithTransaction
    public Uni<ClaimView> get(Caller caller, UUID id) {
        return claims.findById(id).chain(c -> {
            boolean staff = caller.is(Caller.AUDITOR) || caller.isOperator();
            if (c == null || !staff && !caller.subject().equals(c.patientAccount())) {
                return Uni.createFrom().failure(new ResourceNotFound("claim", id));
            }
            return view(c, staff);
        });
    }

    /**
     * A patient's claims, newest first: all of them for auditors and operators, a patient's own (their account's)
     * for a patient, who finds none of anyone else's.
     */
    @WithTransaction
    public Uni<List<ClaimView>> ofPatient(Caller caller, UUID patient, int limit) {
        boolean staff = caller.is(Caller.AUDITOR) || caller.isOperator();
        return claims.ofPatient(patient, staff ? null : caller.subject(), limit).chain(found -> views(found, staff));
    }

    /** A page of claims as shown, each with its flags (and, to staff, its payers). */
    private Uni<ClaimPage> viewed(Cursor.Page<Claim> page, boolean staff) {
        return views(page.items(), staff).map(views -> new ClaimPage(views, page.next()));
    }

    private Uni<List<ClaimView>> views(List<Claim> found, boolean staff) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(found).onItem().transformToUniAndConcatenate(c -> view(c, staff))
                .collect().asList();
    }

    private Uni<ClaimView> view(Claim c, boolean staff) {
        Uni<List<PayerSubmission>> payers = staff ? exchange.of(c) : Uni.createFrom().item(List.of());
        return flags.of(c.id()).chain(f -> payers.map(p -> ClaimView.of(c, f, p)));
    }

    /** Claims with a flag not yet resolved, the oldest first: the auditors' work. */
    @WithTransaction
    public Uni<ClaimPage> flagged(String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return claims.flagged(after, limit).map(found -> Cursor.Page.of(found, limit, Claim::adjudicatedAt, Claim::id))
                .chain(page -> viewed(page, true));
    }

    /**
     * An auditor resolves a flag with a reason; when no holding flag of a held claim is left open, the
     * claim is released ({@code claim.released}) and its order may be dispensed.
     */
    @WithTransaction
    public Uni<ClaimView> resolve(Caller auditor, UUID claimId, UUID flagId, String reason) {
        return claims.locked(claimId).chain(claim -> {
            if (claim == null) {
                return Uni.createFrom().failure(new ResourceNotFound("claim", claimId));
            }
            return flags.locked(claimId, flagId).chain(flag -> {
                if (flag == null) {
                    return Uni.createFrom().failure(new ResourceNotFound("flag", flagId));
                }
                flag.resolve(auditor.subject(), reason, clock.instant());
                return flags.of(claimId).chain(all -> {
                    boolean holding = all.stream().anyMatch(f -> f.open() && f.severity() == CostControl.Severity.HOLD);
                    Uni<Void> released = !holding && claim.release(clock.instant()) ? outbox.publish(claim).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return released.chain(() -> exchange.of(claim)).map(p -> ClaimView.of(claim, all, p));
                });
            });
        });
    }

    /** The split a prescription would get today, against the patient's year as it stands; nothing is written. */
    @WithTransaction
    public Uni<Quote> quote(UUID patient, List<Adjudication.Line> lines) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), clock.getZone());
        return catalogue.items(lines.stream().map(Adjudication.Line::drugCode).toList()).chain(items -> {
            var missing = lines.stream().map(Adjudication.Line::drugCode).filter(code -> !items.containsKey(code)).findFirst();
            if (missing.isPresent()) {
                return Uni.createFrom().failure(new ClaimProblems.UnknownDrugs(missing.get()));
            }
            return policies.coverageOn(patient, day).chain(coverage -> {
                if (coverage.isEmpty()) {
                    return Uni.createFrom().item(quote(patient, false, Adjudication.adjudicate(lines, items, NO_COVERAGE, YearToDate.NONE)));
                }
                return accumulators.yearOf(patient, day.getYear()).map(year -> quote(patient, true,
                        Adjudication.adjudicate(lines, items, coverage.get().benefits(), year)));
            });
        });
    }

    private static Quote quote(UUID patient, boolean covered, Adjudication.Split s) {
        return new Quote(patient, covered, s.total(), s.basicPays(), s.supplementaryPays(), s.patientPays(), s.lines());
    }

    /** The caller's own claims, the newest first. */
    @WithTransaction
    public Uni<ClaimPage> mine(Caller caller, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return claims.ofAccount(caller.subject(), before, limit)
                .map(found -> Cursor.Page.of(found, limit, Claim::adjudicatedAt, Claim::id))
                .chain(page -> viewed(page, false));
    }
}
