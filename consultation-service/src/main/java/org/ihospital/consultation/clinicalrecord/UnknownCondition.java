package org.ihospital.consultation.clinicalrecord;

import org.ihospital.commons.problem.ProblemException;

/** A condition must carry a code of the hospital's ICD-10 list (contracts/reference/icd10.csv). */
class UnknownCondition extends ProblemException {

    UnknownCondition(String code) {
        super("unknown-icd10-code", 422, "Unknown ICD-10 code", "'" + code + "' is not in the hospital's ICD-10 list");
    }
}
