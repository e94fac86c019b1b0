package org.ihospital.insurance.policy;

import org.ihospital.insurance.money.Fen;

/**
 * What a patient's coverage pays, by payer in order of liability: the basic medical insurance (基本医保)
 * first, then, where the patient has one, a commercial supplementary plan (商业补充保险) on what remains
 * of the patient's share. Every amount in fen, every ratio in basis points.
 *
 * @param deductible         the basic insurance's annual deductible (起付线): eligible amounts up to it are the patient's
 * @param annualCap          the most the basic insurance pays in a year (封顶线)
 * @param classBSelfPay      the part of a class B amount the patient pays first (乙类先行自付比例)
 * @param reimbursement      the basic insurance's share of what is eligible after the deductible (报销比例); 10,000 pays it all
 * @param supplementary      the supplementary plan, or null
 */
public record Benefits(long deductible, long annualCap, int classBSelfPay, int reimbursement, Supplementary supplementary) {

    /**
     * A supplementary plan: it pays {@code reimbursement} of what the basic insurance left to the patient on
     * class A and B lines (and on class C lines where it covers them), up to its own annual cap.
     */
    public record Supplementary(int reimbursement, long annualCap, boolean coversClassC) {

        public Supplementary {
            ratio(reimbursement, "supplementary reimbursement");
            if (annualCap < 0) {
                throw new IllegalArgumentException("an annual cap is never negative: " + annualCap);
            }
        }
    }

    public Benefits {
        if (deductible < 0 || annualCap < 0) {
            throw new IllegalArgumentException("a deductible and a cap are never negative");
        }
        ratio(classBSelfPay, "class B self-pay");
        ratio(reimbursement, "reimbursement");
    }

    private static void ratio(int basisPoints, String what) {
        if (basisPoints < 0 || basisPoints > Fen.WHOLE) {
            throw new IllegalArgumentException(what + " must be between 0 and 10,000 basis points: " + basisPoints);
        }
    }
}
