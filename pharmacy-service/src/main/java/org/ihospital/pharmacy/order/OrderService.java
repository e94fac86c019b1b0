package org.ihospital.pharmacy.order;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.idempotency.Idempotency;
import org.ihospital.commons.messaging.Failures;
import org.ihospital.commons.messaging.Outbox;
import org.ihospital.commons.paging.Cursor;
import org.ihospital.commons.persistence.Constraints;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.pharmacy.infrastructure.PharmacyConfig;
import org.ihospital.pharmacy.partner.PartnerQueries;
import org.ihospital.pharmacy.review.ReviewQueries;
import org.ihospital.pharmacy.stock.StockService;
import org.ihospital.pharmacy.webhook.WebhookService;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Orders, from the patient's order to delivery: payment through the {@link PaymentProvider} port, routing
 * to a partner that serves the region and has the stock (reserved in the same transaction), the partner's
 * reports, re-routing when a partner rejects or does not accept in time, and refunds when no partner can.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    /** What a patient asks for. */
    public record PlaceRequest(UUID prescriptionId, DeliveryAddress address) {
    }

    public record StepView(int seq, String step, String detail, Instant at) {
    }

    /** An order as its patient (and operators) see it. */
    public record OrderView(UUID id, UUID prescriptionId, UUID patientId, String status, long patientPays, DeliveryAddress deliverTo,
            UUID pharmacyId, String trackingNumber, String reason, List<OrderItem> items, List<StepView> steps, Instant createdAt) {
        static OrderView of(Order o) {
            List<OrderStep> steps = o.steps();
            return new OrderView(o.id(), o.prescriptionId(), o.patientId(), o.status().name(), o.patientPays(), o.address(), o.pharmacyId(),
                    o.trackingNumber(), o.reason(), o.items(),
                    java.util.stream.IntStream.range(0, steps.size())
                            .mapToObj(i -> new StepView(i + 1, steps.get(i).status(), steps.get(i).detail(), steps.get(i).at())).toList(),
                    o.createdAt());
        }
    }

    public record OrderPage(List<OrderView> items, String nextCursor) {
    }

    /** A payment to complete: the provider's reference and where the patient completes it. */
    public record PaymentView(UUID orderId, String paymentId, long amount, String payUrl) {
    }

    /** What a partner is told and shown of an order it was sent. */
    public record PartnerOrderView(UUID orderId, String status, String trackingNumber) {
    }

    private final OrderRepository orders;
    private final ClaimOutcomeRepository claims;
    private final ReviewQueries reviews;
    private final PartnerQueries partners;
    private final StockService stock;
    private final WebhookService webhooks;
    private final PaymentProvider payments;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final PharmacyConfig.Orders config;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public OrderService(OrderRepository orders, ClaimOutcomeRepository claims, ReviewQueries reviews, PartnerQueries partners,
            StockService stock, WebhookService webhooks, PaymentProvider payments, Outbox outbox, Idempotency idempotency,
            PharmacyConfig config, Clock clock, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.orders = orders;
        this.claims = claims;
        this.reviews = reviews;
        this.partners = partners;
        this.stock = stock;
        this.webhooks = webhooks;
        this.payments = payments;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.config = config.orders();
        this.clock = clock;
        this.json = json;
    }

    /**
     * The patient orders their approved prescription once insurance has priced it. With nothing to pay it is
     * routed at once; otherwise it waits for the payment.
     */
    public Uni<Idempotency.Outcome<OrderView>> place(Caller caller, PlaceRequest request, String idempotencyKey) {
        return idempotency.once(caller.subject(), idempotencyKey, false, request, OrderView.class, () -> placeNow(caller, request));
    }

    private Uni<OrderView> placeNow(Caller caller, PlaceRequest request) {
        UUID prescription = request.prescriptionId();
        Instant now = clock.instant();
        return reviews.approved(prescription).chain(found -> {
            var approved = found.filter(a -> caller.subject().equals(a.patientAccount()))
                    .orElseThrow(() -> new ResourceNotFound("approved prescription", prescription));
            if (!now.isBefore(approved.expiresAt())) {
                throw new OrderProblems.NotOrderable(prescription, "it expired at " + approved.expiresAt());
            }
            return claims.findById(prescription).chain(claim -> {
                long due = amountDue(prescription, claim);
                return orders.liveOf(prescription).chain(live -> {
                    if (live != null) {
                        return Uni.createFrom().failure(new OrderProblems.AlreadyOrdered(prescription));
                    }
                    Order order = Order.place(prescription, approved.patientId(), approved.patientAccount(),
                            approved.items().stream().map(i -> new OrderItem(i.line(), i.drugCode(), i.quantity())).toList(),
                            request.address(), due, now);
                    order.partOfTrace(approved.traceparent());
                    return orders.persistAndFlush(order)
                            .onFailure(e -> Constraints.violated(e, "pharmacy_order_one_live"))
                            .transform(e -> new OrderProblems.AlreadyOrdered(prescription));
                });
            });
        }).chain(order -> (order.status() == Order.Status.PAID ? route(order) : Uni.createFrom().voidItem())
                .chain(() -> publish(order)).replaceWith(order))
                .map(OrderView::of);
    }

    private static long amountDue(UUID prescription, ClaimOutcome claim) {
        if (claim == null) {
            throw new OrderProblems.ClaimPending(prescription);
        }
        return switch (claim.status()) {
            case ADJUDICATED, REJECTED -> claim.patientPays();
            case HELD -> throw new OrderProblems.ClaimOnHold(prescription);
            case UNPRICEABLE, VOIDED -> throw new OrderProblems.NotOrderable(prescription,
                    claim.reason() == null ? "insurance could not price it" : claim.reason());
        };
    }

    /** Starts (or shows again) the payment of the patient's share. */
    @WithTransaction
    public Uni<PaymentView> pay(Caller caller, UUID id) {
        return ownLocked(caller, id).chain(order -> {
            if (order.status() != Order.Status.AWAITING_PAYMENT) {
                return Uni.createFrom().failure(new OrderProblems.NotPayable(id, order.status()));
            }
            return payments.start(order.id(), order.patientPays()).map(payment -> {
                order.paymentStarted(payment.paymentId(), clock.instant());
                return new PaymentView(order.id(), payment.paymentId(), order.patientPays(), payment.payUrl());
            });
        });
    }

    /**
     * The payment provider confirmed a payment (its callback, already verified): the order is paid and
     * routed. A repeated confirmation changes nothing.
     */
    @WithTransaction
    public Uni<Void> paymentConfirmed(UUID id, String paymentId, long amount) {
        return orders.locked(id).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(new ResourceNotFound("order", id));
            }
            if (!order.paid(paymentId, amount, clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            return route(order).chain(() -> publish(order)).replaceWithVoid();
        });
    }

    /**
     * Sends the order to the first partner (in registration order) that serves its region, has not had it
     * yet, and has every item in stock, reserving the stock; with none left it is unroutable and refunded.
     */
    private Uni<Void> route(Order order) {
        List<StockService.Units> units = units(order);
        List<UUID> tried = order.triedPharmacies();
        return partners.serving(order.address().region()).chain(candidates -> {
            List<UUID> untried = candidates.stream().filter(p -> !tried.contains(p)).toList();
            return firstWithStock(untried, 0, units).chain(chosen -> {
                Instant now = clock.instant();
                if (chosen == null) {
                    order.unroutable("no partner pharmacy delivering to " + order.address().region() + " has every item in stock", now);
                    return refund(order);
                }
                order.routedTo(chosen, now);
                return webhooks.enqueue(chosen, "order.created", orderForPartner(order, now)).replaceWithVoid();
            });
        });
    }

    private Uni<UUID> firstWithStock(List<UUID> candidates, int index, List<StockService.Units> units) {
        if (index >= candidates.size()) {
            return Uni.createFrom().nullItem();
        }
        UUID candidate = candidates.get(index);
        return stock.reserve(candidate, units).chain(reserved -> reserved ? Uni.createFrom().item(candidate)
                : firstWithStock(candidates, index + 1, units));
    }

    private Uni<Void> refund(Order order) {
        if (order.paymentId() == null || order.patientPays() == 0) {
            return Uni.createFrom().voidItem();
        }
        return payments.refund(order.paymentId(), order.patientPays()).invoke(order::refunded).replaceWithVoid();
    }

    /** What the partner needs to dispense and deliver: the items, the recipient and the address; nothing else of the patient. */
    private Map<String, Object> orderForPartner(Order order, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.id());
        data.put("prescriptionId", order.prescriptionId());
        data.put("items", order.items());
        data.put("deliverTo", order.address());
        data.put("acceptBy", now.plus(config.acceptTimeout()));
        return data;
    }

    private static List<StockService.Units> units(Order order) {
        return order.items().stream().map(i -> new StockService.Units(i.drugCode(), i.quantity())).toList();
    }

    /**
     * A partner reports on an order it was sent: accepted, rejected (the order goes to the next partner),
     * dispensed (the stock leaves its shelf), shipped, delivered. Another partner's order does not exist.
     */
    @WithTransaction
    public Uni<PartnerOrderView> partnerReport(Caller caller, UUID id, Order.PartnerStatus report, String trackingNumber) {
        return partners.partnerOf(caller).chain(partner -> orders.locked(id).chain(order -> {
            if (partner == null || order == null || !order.triedPharmacies().contains(partner)) {
                return Uni.createFrom().failure(new ResourceNotFound("order", id));
            }
            Order.Reported outcome = order.reported(partner, report, trackingNumber, clock.instant());
            Uni<Void> follow = switch (outcome) {
                case CANCELLATION_CONFIRMED -> stock.release(partner, units(order)).chain(() -> refund(order));
                case GIVEN_UP -> stock.release(partner, units(order)).invoke(() -> order.givenUp("rejected by the pharmacy", clock.instant()))
                        .chain(() -> route(order));
                case CHANGED -> report == Order.PartnerStatus.DISPENSED ? stock.dispense(partner, units(order)) : Uni.createFrom().voidItem();
                case REPEATED -> Uni.createFrom().voidItem();
            };
            return follow.chain(() -> publish(order))
                    .replaceWith(() -> new PartnerOrderView(order.id(), partner.equals(order.pharmacyId()) ? order.status().name() : "REJECTED",
                            order.trackingNumber()));
        }));
    }

    /** Orders a partner did not accept in time go to the next partner; the late partner is told by webhook. */
    @Scheduled(every = "${hospital.pharmacy.orders.accept-sweep:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rerouteUnaccepted() {
        return Panache.withTransaction(() -> orders.notAcceptedSince(clock.instant().minus(config.acceptTimeout()), 50)
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::timedOut).collect().asList()))
                .onFailure().invoke(e -> LOG.warnf("Re-routing unaccepted orders failed, will retry: %s", Failures.describe(e)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> timedOut(UUID id) {
        return orders.findById(id).chain(order -> {
            UUID late = order.pharmacyId();
            String why = "not accepted within " + config.acceptTimeout();
            return stock.release(late, units(order))
                    .invoke(() -> order.givenUp(why, clock.instant()))
                    .chain(() -> webhooks.enqueue(late, "order.cancelled", Map.of("orderId", order.id(), "reason", why)))
                    .chain(() -> route(order))
                    .chain(() -> publish(order)).replaceWithVoid();
        });
    }

    /** The patient cancels an order that no pharmacy has yet; a paid one is refunded. */
    @WithTransaction
    public Uni<OrderView> cancel(Caller caller, UUID id) {
        return ownLocked(caller, id).chain(order -> {
            order.cancel("cancelled by the patient", clock.instant());
            return refund(order).chain(() -> publish(order)).replaceWith(order);
        }).map(OrderView::of);
    }

    /**
     * The doctor asked to revoke the prescription; pharmacy decides (ADR 0019): without an order, or with one
     * no pharmacy has, it is confirmed at once (a paid order refunded); a pharmacy that has the order is asked
     * by an {@code order.cancelled} webhook and its answer decides; a dispensed order refuses it. Runs in the
     * caller's (the handler's) transaction.
     */
    public Uni<Void> revocationRequested(UUID prescription) {
        return orders.liveOf(prescription).chain(order -> {
            Instant now = clock.instant();
            if (order == null) {
                org.ihospital.commons.messaging.EventSource confirmed = () -> List.of(OrderEvents.revocationConfirmed(prescription, null, now));
                return outbox.publish(confirmed).replaceWithVoid();
            }
            return switch (order.revocationRequested(now)) {
                case CANCELLED -> refund(order).chain(() -> publish(order));
                case AWAITING_PARTNER -> webhooks.enqueue(order.pharmacyId(), "order.cancelled", Map.of("orderId", order.id(), "reason",
                        "the prescription was revoked", "confirmationRequired", true)).chain(() -> publish(order));
                case REFUSED -> publish(order);
            };
        });
    }

    /** The prescription expired: an unpaid order of it is cancelled. Runs in the caller's (the handler's) transaction. */
    public Uni<Void> prescriptionExpired(UUID prescription) {
        return orders.liveOf(prescription).chain(order -> {
            if (order == null || order.status() != Order.Status.AWAITING_PAYMENT) {
                return Uni.createFrom().voidItem();
            }
            order.cancel("the prescription expired before it was paid", clock.instant());
            return publish(order).replaceWithVoid();
        });
    }

    /**
     * The prescription was revoked: an order not yet dispensed is cancelled, its stock released, its partner
     * told by webhook and its payment refunded. Runs in the caller's (the handler's) transaction.
     */
    public Uni<Void> prescriptionRevoked(UUID prescription) {
        return orders.liveOf(prescription).chain(order -> {
            if (order == null) {
                return Uni.createFrom().voidItem();
            }
            UUID partner = order.pharmacyId();
            if (!order.prescriptionRevoked(clock.instant())) {
                LOG.infof("Prescription %s was revoked after order %s was dispensed: nothing to cancel", prescription, order.id());
                return Uni.createFrom().voidItem();
            }
            Uni<Void> tellPartner = partner == null || order.routedAt() == null ? Uni.createFrom().voidItem()
                    : stock.release(partner, units(order)).chain(() -> webhooks.enqueue(partner, "order.cancelled",
                            Map.of("orderId", order.id(), "reason", "the prescription was revoked"))).replaceWithVoid();
            return tellPartner.chain(() -> refund(order)).chain(() -> publish(order)).replaceWithVoid();
        });
    }

    /** A claim event: what the patient pays, whether a hold blocks dispensing. Runs in the caller's (the handler's) transaction. */
    public Uni<Void> claimDecided(UUID prescription, UUID claim, ClaimOutcome.Status status, Long patientPays, String reason) {
        return claims.locked(prescription).chain(found -> {
            ClaimOutcome outcome = found == null ? ClaimOutcome.of(prescription, claim) : found;
            outcome.record(claim, status, patientPays, reason, clock.instant());
            return found == null ? claims.persist(outcome).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    /** An auditor released a held claim. Runs in the caller's (the handler's) transaction. */
    public Uni<Void> claimReleased(UUID prescription, UUID claim) {
        return claims.locked(prescription).invoke(found -> {
            if (found != null) {
                found.released(claim, clock.instant());
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<OrderView> get(Caller caller, UUID id) {
        return orders.findById(id).map(order -> {
            if (order == null || !caller.isOperator() && !caller.subject().equals(order.patientAccount())) {
                throw new ResourceNotFound("order", id);
            }
            return OrderView.of(order);
        });
    }

    /**
     * A patient's orders, the newest first, at most {@code limit}: an operator's, any patient's; a patient's,
     * their own (another patient's are none of theirs: an empty list).
     */
    @WithTransaction
    public Uni<List<OrderView>> ofPatient(Caller caller, UUID patient, int limit) {
        return orders.ofPatient(patient, caller.isOperator() ? null : caller.subject(), limit)
                .map(found -> found.stream().map(OrderView::of).toList());
    }

    /** The caller's orders, the newest first. */
    @WithTransaction
    public Uni<OrderPage> list(Caller caller, String cursor, int limit) {
        Cursor before = cursor == null ? null : Cursor.decode(cursor);
        return orders.ofAccount(caller.subject(), before, limit)
                .map(found -> Cursor.Page.of(found, limit, Order::createdAt, Order::id))
                .map(page -> new OrderPage(page.map(OrderView::of), page.next()));
    }

    /** The steps of one's order after {@code afterSeq}, and whether the order has ended. */
    public record Steps(List<StepView> steps, boolean ended) {
    }

    @WithTransaction
    public Uni<Steps> stepsAfter(Caller caller, UUID id, int afterSeq) {
        return get(caller, id).map(view -> new Steps(view.steps().stream().filter(s -> s.seq() > afterSeq).toList(),
                Order.Status.valueOf(view.status()).terminal()));
    }

    static final String CHANNEL = "order_step";

    /** The order's new events to the outbox, and its new steps to live followers, in the caller's transaction. */
    private Uni<Void> publish(Order order) {
        List<String> payloads = order.unannouncedSteps().stream().map(step -> {
            try {
                return json.writeValueAsString(step);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return outbox.publish(order).chain(() -> Multi.createFrom().iterable(payloads)
                .onItem().transformToUniAndConcatenate(payload -> orders.announce(CHANNEL, payload)).collect().last()).replaceWithVoid();
    }

    private Uni<Order> ownLocked(Caller caller, UUID id) {
        return orders.locked(id).map(order -> {
            if (order == null || !caller.subject().equals(order.patientAccount())) {
                throw new ResourceNotFound("order", id);
            }
            return order;
        });
    }
}
