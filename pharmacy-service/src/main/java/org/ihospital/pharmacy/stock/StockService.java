package org.ihospital.pharmacy.stock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ihospital.commons.problem.Problem;
import org.ihospital.commons.problem.ResourceNotFound;
import org.ihospital.commons.security.Caller;
import org.ihospital.contracts.ReferenceData;
import org.ihospital.pharmacy.partner.PartnerQueries;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Partners' stock reports, and what routing may promise from them. */
@ApplicationScoped
public class StockService {

    /** The most units of one drug a report may state: more is a typo, not a pharmacy. */
    static final int MOST_UNITS = 1_000_000;

    public record Line(String drugCode, int onHand, int reserved, int available, Instant updatedAt) {
        static Line of(StockLevel s) {
            return new Line(s.drugCode(), s.onHand(), s.reserved(), s.available(), s.updatedAt());
        }
    }

    public record StockView(UUID partnerId, List<Line> items) {
    }

    /** Units of one drug an order needs. */
    public record Units(String drugCode, int quantity) {
    }

    private final StockRepository stock;
    private final PartnerQueries partners;
    private final Clock clock;

    public StockService(StockRepository stock, PartnerQueries partners, Clock clock) {
        this.stock = stock;
        this.partners = partners;
        this.clock = clock;
    }

    /**
     * The partner's whole stock as it counts it now (drug code → units on its shelves, including those set
     * aside for our open orders): drugs it no longer names are at zero. Only the partner itself may report;
     * to anyone else the partner does not exist. All or nothing: one bad line refuses the report.
     */
    @WithTransaction
    public Uni<StockView> report(Caller caller, UUID partner, Map<String, Integer> counts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        counts.forEach((code, units) -> {
            if (ReferenceData.drug(code).isEmpty()) {
                errors.add(new Problem.FieldError(code, "not a code of the drug dictionary"));
            } else if (units == null || units < 0 || units > MOST_UNITS) {
                errors.add(new Problem.FieldError(code, "must be a whole number of units from 0 to " + MOST_UNITS));
            }
        });
        return partners.isPartner(caller, partner).chain(itself -> {
            if (!itself) {
                return Uni.createFrom().failure(new ResourceNotFound("pharmacy", partner));
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(new StockProblems.InvalidStock(errors));
            }
            Instant now = clock.instant();
            return stock.lockedOf(partner).chain(levels -> {
                Map<String, StockLevel> known = new HashMap<>();
                levels.forEach(s -> known.put(s.drugCode(), s));
                List<StockLevel> added = new ArrayList<>();
                counts.forEach((code, units) -> {
                    StockLevel level = known.remove(code);
                    if (level == null) {
                        added.add(StockLevel.reported(partner, code, units, now));
                    } else {
                        level.report(units, now);
                    }
                });
                known.values().forEach(s -> s.report(0, now));
                return Multi.createFrom().iterable(added).onItem().transformToUniAndConcatenate(stock::persist).collect().last();
            }).chain(() -> view(partner));
        });
    }

    /** The partner's stock, for the partner itself and operators. */
    @WithTransaction
    public Uni<StockView> get(Caller caller, UUID partner) {
        return (caller.isOperator() ? Uni.createFrom().item(true) : partners.isPartner(caller, partner)).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(new ResourceNotFound("pharmacy", partner));
            }
            return view(partner);
        });
    }

    /**
     * Reserves every item at one partner, or nothing: in the caller's transaction, with the rows locked, so
     * two orders racing for the last unit get it once. Stock never goes below zero.
     *
     * @return whether the partner had all of it
     */
    public Uni<Boolean> reserve(UUID partner, List<Units> items) {
        return stock.lockedOf(partner, items.stream().map(Units::drugCode).sorted().toList()).map(levels -> {
            Map<String, StockLevel> byCode = new HashMap<>();
            levels.forEach(l -> byCode.put(l.drugCode(), l));
            for (Units u : items) {
                StockLevel level = byCode.get(u.drugCode());
                if (level == null || level.available() < u.quantity()) {
                    return false;
                }
            }
            items.forEach(u -> byCode.get(u.drugCode()).reserve(u.quantity()));
            return true;
        });
    }

    /** Gives an order's reservation back, in the caller's transaction. */
    public Uni<Void> release(UUID partner, List<Units> items) {
        return stock.lockedOf(partner, items.stream().map(Units::drugCode).sorted().toList()).invoke(levels -> levels.forEach(l -> items.stream()
                .filter(u -> u.drugCode().equals(l.drugCode())).forEach(u -> l.release(u.quantity())))).replaceWithVoid();
    }

    /** The partner dispensed an order: its reserved units leave the shelf, in the caller's transaction. */
    public Uni<Void> dispense(UUID partner, List<Units> items) {
        return stock.lockedOf(partner, items.stream().map(Units::drugCode).sorted().toList()).invoke(levels -> levels.forEach(l -> items.stream()
                .filter(u -> u.drugCode().equals(l.drugCode())).forEach(u -> l.dispense(u.quantity())))).replaceWithVoid();
    }

    private Uni<StockView> view(UUID partner) {
        return stock.of(partner).map(levels -> new StockView(partner, levels.stream().map(Line::of).toList()));
    }
}
