package org.ihospital.consultation.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ihospital.consultation.prescription.FollowUpOnlyPolicy.History;
import org.ihospital.consultation.prescription.FollowUpOnlyPolicy.RecordedCondition;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** 互联网诊疗: online prescriptions are for follow-up visits, and the evidence of the earlier diagnosis must predate the visit. */
class FollowUpOnlyPolicyTest {

    private static final Instant VISIT = Instant.parse("2026-11-25T02:00:00Z");
    private static final String PRESCRIBER = "doctor-1-sub";
    private final FollowUpOnlyPolicy policy = new FollowUpOnlyPolicy(true, false);

    private static History history(List<String> earlierConsultations, RecordedCondition... conditions) {
        return new History(VISIT, PRESCRIBER, earlierConsultations, List.of(conditions));
    }

    private static RecordedCondition recorded(String icd10, Duration beforeVisit, String by) {
        return new RecordedCondition(icd10, VISIT.minus(beforeVisit), by);
    }

    @Test
    void rejectsPrescribingOnAFirstVisit() {
        assertThatThrownBy(() -> policy.followUps(List.of("I10"), history(List.of())))
                .isInstanceOf(FirstVisitPrescribing.class);
    }

    @Test
    void anEarlierConsultationOfTheSameConditionMakesAFollowUp() {
        assertThat(policy.followUps(List.of("E78.2"), history(List.of("E78.5")))).containsExactly("E78.2");
    }

    @Test
    void anOfflineDiagnosisRecordedBeforeTheVisitMakesAFollowUp() {
        assertThat(policy.followUps(List.of("I10"), history(List.of(), recorded("I10", Duration.ofDays(30), "operator-sub"))))
                .containsExactly("I10");
    }

    @Test
    void theSameConditionIsTheSameIcd10Category() {
        assertThat(policy.followUps(List.of("E11.9", "I11.9"), history(List.of("E11.2", "I10")))).containsExactly("E11.9");
    }

    @Test
    void aConditionThePrescriberRecordsDuringTheVisitIsSelfAttestation() {
        var during = new RecordedCondition("I10", VISIT.plusSeconds(60), PRESCRIBER);
        assertThatThrownBy(() -> policy.followUps(List.of("I10"), history(List.of(), during))).isInstanceOf(FirstVisitPrescribing.class);
    }

    @Test
    void aConditionAnotherClinicianRecordsDuringTheVisitCountsOnlyWhereTheHospitalAcceptsIt() {
        var byColleague = new RecordedCondition("I10", VISIT.plusSeconds(60), "doctor-2-sub");
        assertThatThrownBy(() -> policy.followUps(List.of("I10"), history(List.of(), byColleague)))
                .isInstanceOf(FirstVisitPrescribing.class);
        var accepting = new FollowUpOnlyPolicy(true, true);
        assertThat(accepting.followUps(List.of("I10"), history(List.of(), byColleague))).containsExactly("I10");
        var byPrescriber = new RecordedCondition("I10", VISIT.plusSeconds(60), PRESCRIBER);
        assertThatThrownBy(() -> accepting.followUps(List.of("I10"), history(List.of(), byPrescriber)))
                .isInstanceOf(FirstVisitPrescribing.class);
    }

    @Test
    void whenThePolicyIsOffEveryDiagnosisIsTreated() {
        var lenient = new FollowUpOnlyPolicy(false, false);
        assertThat(lenient.followUps(List.of("I10", "I10", "E11.9"), history(List.of()))).containsExactly("I10", "E11.9");
    }

    @Property
    void aPriorDiagnosisInTheSameCategoryAlwaysMakesAFollowUp(@ForAll @AlphaChars @StringLength(1) String letter,
            @ForAll @NumericChars @StringLength(2) String digits, @ForAll @NumericChars @StringLength(1) String now,
            @ForAll @NumericChars @StringLength(1) String before) {
        String category = letter.toUpperCase() + digits;
        assertThat(policy.followUps(List.of(category + "." + now), history(List.of(category + "." + before))))
                .containsExactly(category + "." + now);
    }
}
