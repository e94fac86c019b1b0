package org.ihospital.pharmacy.order;

import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;

/** What can go wrong with an order, as problem types. */
final class OrderProblems {

    private OrderProblems() {
    }

    static final class ClaimPending extends ProblemException {
        ClaimPending(UUID prescription) {
            super("claim-pending", 409, "Insurance has not priced it yet",
                    "Prescription " + prescription + " is approved, but insurance has not priced it yet; try again in a moment");
        }
    }

    static final class ClaimOnHold extends ProblemException {
        ClaimOnHold(UUID prescription) {
            super("claim-on-hold", 409, "Claim on hold",
                    "An insurance auditor must review the claim of prescription " + prescription + " before it can be dispensed");
        }
    }

    static final class NotOrderable extends ProblemException {
        NotOrderable(UUID prescription, String why) {
            super("not-orderable", 422, "Prescription cannot be ordered online", "Prescription " + prescription + ": " + why);
        }
    }

    static final class AlreadyOrdered extends ProblemException {
        AlreadyOrdered(UUID prescription) {
            super("already-ordered", 409, "Already ordered", "Prescription " + prescription + " has an order already; a prescription is dispensed once");
        }
    }

    static final class IllegalTransition extends ProblemException {
        IllegalTransition(UUID order, Order.Status from, String to) {
            super("illegal-order-transition", 409, "Illegal order transition",
                    "Order " + order + " is " + from.name().toLowerCase() + "; it cannot become " + to.toLowerCase());
        }
    }

    static final class NotPayable extends ProblemException {
        NotPayable(UUID order, Order.Status status) {
            super("order-not-payable", 409, "Nothing to pay", "Order " + order + " is " + status.name().toLowerCase() + "; there is nothing to pay");
        }
    }

    static final class WrongAmount extends ProblemException {
        WrongAmount(UUID order) {
            super("payment-amount-mismatch", 409, "Payment amount mismatch", "The payment for order " + order + " is not the amount due");
        }
    }

    static final class NotCancellable extends ProblemException {
        NotCancellable(UUID order, Order.Status status) {
            super("order-not-cancellable", 409, "Order cannot be cancelled",
                    "Order " + order + " is " + status.name().toLowerCase() + "; only an order not yet sent to a pharmacy can be cancelled here");
        }
    }

    static final class TrackingNumberRequired extends InvalidField {
        TrackingNumberRequired() {
            super("trackingNumber", "a shipped order needs the courier's tracking number");
        }
    }
}
