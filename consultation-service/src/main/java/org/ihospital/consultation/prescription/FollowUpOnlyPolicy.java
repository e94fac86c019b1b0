package org.ihospital.consultation.prescription;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Online prescribing is for follow-up visits only (互联网诊疗管理办法): a prescription treats conditions
 * the patient was already diagnosed with before this visit, offline or in an earlier consultation. The
 * same condition is the same ICD-10 category (E11.9 follows up E11.2; I10 does not follow up I11.9).
 *
 * <p>Evidence of an offline diagnosis counts only when it was recorded before the visit began: a
 * condition the prescribing doctor writes into the record during the visit is self-attestation, not
 * evidence. A hospital may also accept a condition recorded during the visit by a different clinician
 * (a policy switch, off by default).
 */
public final class FollowUpOnlyPolicy {

    /** A condition in the patient's record, with when and by whom it was recorded here. */
    public record RecordedCondition(String icd10, Instant recordedAt, String recordedBy) {
    }

    /** What the rule weighs: the visit, who prescribes, and the patient's earlier diagnoses. */
    public record History(Instant visitOpenedAt, String prescriber, Collection<String> earlierConsultations,
            Collection<RecordedCondition> conditions) {

        public History {
            Objects.requireNonNull(visitOpenedAt, "visitOpenedAt");
            earlierConsultations = List.copyOf(earlierConsultations);
            conditions = List.copyOf(conditions);
        }
    }

    private final boolean enforced;
    private final boolean acceptOtherClinicianDuringVisit;

    public FollowUpOnlyPolicy(boolean enforced, boolean acceptOtherClinicianDuringVisit) {
        this.enforced = enforced;
        this.acceptOtherClinicianDuringVisit = acceptOtherClinicianDuringVisit;
    }

    /**
     * @param current the diagnoses of the consultation the prescription is for
     * @return the current diagnoses that are follow-ups; the prescription treats those
     * @throws FirstVisitPrescribing when none is, and the policy is enforced
     */
    public List<String> followUps(Collection<String> current, History history) {
        List<String> evidence = new java.util.ArrayList<>(history.earlierConsultations());
        history.conditions().stream().filter(c -> counts(c, history)).map(RecordedCondition::icd10).forEach(evidence::add);
        List<String> followUps = current.stream()
                .filter(code -> evidence.stream().anyMatch(prior -> category(prior).equals(category(code))))
                .distinct().toList();
        if (followUps.isEmpty()) {
            if (enforced) {
                throw new FirstVisitPrescribing();
            }
            return current.stream().distinct().toList();
        }
        return followUps;
    }

    private boolean counts(RecordedCondition condition, History history) {
        if (condition.recordedAt().isBefore(history.visitOpenedAt())) {
            return true;
        }
        return acceptOtherClinicianDuringVisit && !condition.recordedBy().equals(history.prescriber());
    }

    static String category(String icd10) {
        return icd10.length() > 3 ? icd10.substring(0, 3) : icd10;
    }
}
