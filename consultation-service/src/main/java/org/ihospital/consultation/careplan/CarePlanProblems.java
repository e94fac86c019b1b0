package org.ihospital.consultation.careplan;

import java.util.UUID;

import org.ihospital.commons.problem.ProblemException;

/** What can go wrong with care plans and their alerts. */
final class CarePlanProblems {

    private CarePlanProblems() {
    }

    static final class AlreadyAcknowledged extends ProblemException {
        AlreadyAcknowledged(UUID alert) {
            super("alert-already-acknowledged", 409, "Alert already acknowledged", "Alert " + alert + " was acknowledged already");
        }
    }

    static final class PlanChangedMeanwhile extends ProblemException {
        PlanChangedMeanwhile() {
            super("care-plan-changed-meanwhile", 409, "Care plan changed meanwhile", "Someone set this plan at the same moment; read it and try again");
        }
    }
}
