package org.ihospital.insurance.claim;

import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;

final class ClaimProblems {

    private ClaimProblems() {
    }

    static final class FlagAlreadyResolved extends ProblemException {
        FlagAlreadyResolved(UUID flag) {
            super("flag-already-resolved", 409, "Flag already resolved", "Flag " + flag + " was resolved already");
        }
    }

    static final class UnknownDrugs extends InvalidField {
        UnknownDrugs(String code) {
            super("items", "drug " + code + " is not in the insurance catalogue");
        }
    }
}
