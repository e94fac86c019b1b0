package org.ihospital.insurance.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.money.Fen;
import org.ihospital.insurance.policy.Benefits;

/**
 * Prices a prescription's lines and splits each between the payers and the patient (医保结算), in line
 * order, against what the patient's year has taken so far:
 * <ol>
 * <li>amount = unit price × quantity;</li>
 * <li>eligible: class A all of it; class B what is left after the patient's self-pay first
 * ({@code classBSelfPay} share of the amount); class C nothing;</li>
 * <li>the deductible: eligible amounts go to the patient until the year's deductible is used up;</li>
 * <li>the basic insurance pays its {@code reimbursement} share of the rest of the eligible amount, no more
 * than what is left of its annual cap;</li>
 * <li>a supplementary plan pays its share of what the basic insurance left to the patient (class A and B
 * lines; class C only where it covers them), no more than what is left of its own cap;</li>
 * <li>the patient pays the remainder.</li>
 * </ol>
 * Each share is rounded by {@link Fen#share}; basic + supplementary + patient = amount on every line.
 * Plain Java: no framework, no database.
 */
public final class Adjudication {

    /** A line of the prescription to price. */
    public record Line(int line, String drugCode, int quantity) {

        public Line {
            if (quantity < 1) {
                throw new IllegalArgumentException("line " + line + ": a quantity is at least 1");
            }
        }
    }

    /** One line's split, with how it came about (the deductible it bore, the class B self-pay). */
    public record LineSplit(int line, String drugCode, int quantity, CatalogueClass catalogueClass, long unitPrice, long amount,
            long selfPayFirst, long deductible, long basicPays, long supplementaryPays, long patientPays) {
    }

    /** The whole claim's split, and what it takes from the patient's year. */
    public record Split(List<LineSplit> lines, long total, long basicPays, long supplementaryPays, long patientPays, YearToDate takes) {

        public long insurerPays() {
            return basicPays + supplementaryPays;
        }
    }

    /** A drug the catalogue does not price: the claim cannot be adjudicated. */
    public static final class UnknownDrug extends RuntimeException {
        private final String drugCode;

        public UnknownDrug(String drugCode) {
            super("drug " + drugCode + " is not in the insurance catalogue", null, false, false);
            this.drugCode = drugCode;
        }

        public String drugCode() {
            return drugCode;
        }
    }

    private Adjudication() {
    }

    /**
     * @param catalogue drug code → how the catalogue prices it
     * @param benefits  the patient's coverage
     * @param year      what the patient's year took so far
     * @throws UnknownDrug when a line's drug is not in the catalogue
     */
    public static Split adjudicate(List<Line> lines, Map<String, CatalogueItem> catalogue, Benefits benefits, YearToDate year) {
        long deductibleLeft = Math.max(0, benefits.deductible() - year.deductibleUsed());
        long capLeft = Math.max(0, benefits.annualCap() - year.basicPaid());
        Benefits.Supplementary plan = benefits.supplementary();
        long planLeft = plan == null ? 0 : Math.max(0, plan.annualCap() - year.supplementaryPaid());
        List<LineSplit> splits = new ArrayList<>();
        long total = 0;
        long basicTotal = 0;
        long planTotal = 0;
        long deductibleTotal = 0;
        for (Line l : lines) {
            CatalogueItem item = catalogue.get(l.drugCode());
            if (item == null) {
                throw new UnknownDrug(l.drugCode());
            }
            long amount = Math.multiplyExact(item.unitPrice(), (long) l.quantity());
            long selfPayFirst = item.catalogueClass() == CatalogueClass.B ? Fen.share(amount, benefits.classBSelfPay()) : 0;
            long eligible = switch (item.catalogueClass()) {
                case A -> amount;
                case B -> amount - selfPayFirst;
                case C -> 0;
            };
            long deductible = Math.min(eligible, deductibleLeft);
            deductibleLeft -= deductible;
            long basic = Math.min(Fen.share(eligible - deductible, benefits.reimbursement()), capLeft);
            capLeft -= basic;
            long supplementary = 0;
            if (plan != null && (item.catalogueClass() != CatalogueClass.C || plan.coversClassC())) {
                supplementary = Math.min(Fen.share(amount - basic, plan.reimbursement()), planLeft);
                planLeft -= supplementary;
            }
            long patient = amount - basic - supplementary;
            splits.add(new LineSplit(l.line(), l.drugCode(), l.quantity(), item.catalogueClass(), item.unitPrice(), amount, selfPayFirst,
                    deductible, basic, supplementary, patient));
            total += amount;
            basicTotal += basic;
            planTotal += supplementary;
            deductibleTotal += deductible;
        }
        return new Split(List.copyOf(splits), total, basicTotal, planTotal, total - basicTotal - planTotal,
                new YearToDate(deductibleTotal, basicTotal, planTotal));
    }
}
