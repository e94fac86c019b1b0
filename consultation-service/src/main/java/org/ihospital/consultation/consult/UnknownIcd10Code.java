package org.ihospital.consultation.consult;

import org.ihospital.commons.problem.ProblemException;

/** A diagnosis must carry a code of the hospital's ICD-10 list (contracts/reference/icd10.csv). */
public class UnknownIcd10Code extends ProblemException {

    public UnknownIcd10Code(String code) {
        super("unknown-icd10-code", 422, "Unknown ICD-10 code", "'" + code + "' is not in the hospital's ICD-10 list");
    }
}
