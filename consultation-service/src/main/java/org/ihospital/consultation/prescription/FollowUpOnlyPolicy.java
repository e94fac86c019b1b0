package org.ihospital.consultation.prescription;

import java.util.Collection;
import java.util.List;

/**
 * Online prescribing is for follow-up visits only (互联网诊疗管理办法): a prescription treats
 * conditions the patient was already diagnosed with, offline or in an earlier consultation. The same
 * condition is the same ICD-10 category (E11.9 follows up E11.2; I10 does not follow up I11.9).
 */
public final class FollowUpOnlyPolicy {

    private final boolean enforced;

    public FollowUpOnlyPolicy(boolean enforced) {
        this.enforced = enforced;
    }

    /**
     * @param current the diagnoses of the consultation the prescription is for
     * @param earlier the patient's diagnoses before it (offline conditions and earlier consultations)
     * @return the current diagnoses that are follow-ups; the prescription treats those
     * @throws FirstVisitPrescribing when none is, and the policy is enforced
     */
    public List<String> followUps(Collection<String> current, Collection<String> earlier) {
        List<String> followUps = current.stream()
                .filter(code -> earlier.stream().anyMatch(prior -> category(prior).equals(category(code))))
                .distinct().toList();
        if (followUps.isEmpty()) {
            if (enforced) {
                throw new FirstVisitPrescribing();
            }
            return current.stream().distinct().toList();
        }
        return followUps;
    }

    static String category(String icd10) {
        return icd10.length() > 3 ? icd10.substring(0, 3) : icd10;
    }
}
