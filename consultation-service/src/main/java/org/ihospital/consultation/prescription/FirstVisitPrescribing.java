package org.ihospital.consultation.prescription;

import org.ihospital.commons.problem.ProblemException;

/** Prescribing online for a condition the patient was never diagnosed with before: not a follow-up. */
public class FirstVisitPrescribing extends ProblemException {

    FirstVisitPrescribing() {
        super("first-visit-prescribing", 422, "Not a follow-up visit",
                "Online prescriptions are for follow-up visits: the patient has no earlier diagnosis of these conditions"
                        + " recorded before this visit");
    }
}
