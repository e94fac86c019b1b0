package org.ihospital.insurance.policy;

import java.util.UUID;

import org.ihospital.commons.problem.InvalidField;
import org.ihospital.commons.problem.ProblemException;

final class PolicyProblems {

    private PolicyProblems() {
    }

    static final class InvalidPeriod extends InvalidField {
        InvalidPeriod() {
            super("validUntil", "a period ends on or after it starts, and a coverage lies within its policy's period");
        }
    }

    static final class OverlappingCoverage extends ProblemException {
        OverlappingCoverage(UUID patient) {
            super("coverage-overlaps", 409, "Coverage overlaps", "Patient " + patient + " is covered by another policy for part of that period");
        }
    }
}
