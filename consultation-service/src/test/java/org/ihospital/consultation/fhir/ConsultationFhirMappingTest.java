package org.ihospital.consultation.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.consultation.appointment.AppointmentFixtures;
import org.ihospital.consultation.careplan.CarePlan;
import org.ihospital.consultation.careplan.CarePlanFixtures;
import org.ihospital.consultation.clinicalrecord.ClinicalRecordFixtures;
import org.ihospital.consultation.consult.ConsultationFixtures;
import org.ihospital.consultation.prescription.Dosage;
import org.ihospital.consultation.prescription.PrescriptionItem;
import org.ihospital.consultation.prescription.PrescriptionService.PrescriptionView;
import org.ihospital.consultation.reading.Measurement;
import org.ihospital.consultation.reading.ReadingFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each of consultation's FHIR views as HAPI's validator judges it (R4 core, the vital-signs profiles): no
 * error. Two warnings are tolerated, and nothing else: the validator has no terminology server, so it cannot
 * look up LOINC, ICD-10, ATC or the hospital's drug dictionary; and the views carry no narrative (dom-6, a best
 * practice: they are read by systems, and a narrative would repeat personal data as free text; ADR 0025).
 */
class ConsultationFhirMappingTest {

    private static final UUID PATIENT = UUID.randomUUID();
    private static final UUID DOCTOR = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-20T02:30:00Z");
    private static FhirValidation validation;

    @BeforeAll
    static void validator() {
        validation = new FhirValidation();
    }

    /** LOINC, ICD-10, ATC and our dictionary need a terminology server the tests do not have. */
    private static void valid(IBaseResource resource) {
        assertThat(validation.findings(resource, "http://loinc.org", "http://hl7.org/fhir/sid/icd-10", org.ihospital.commons.fhir.Fhir.ATC,
                org.ihospital.commons.fhir.Fhir.DRUG_DICTIONARY)).as(resource.fhirType()).isEmpty();
    }

    @Test
    void aVisitIsAnAppointmentOfItsPatientAndDoctor() {
        var booked = AppointmentMapping.of(AppointmentFixtures.booked(PATIENT, DOCTOR, AT));
        assertThat(booked.getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(booked.getParticipant()).extracting(p -> p.getActor().getReference())
                .containsExactly("Patient/" + PATIENT, "Practitioner/" + DOCTOR);
        assertThat(booked.getStart().toInstant()).isEqualTo(AT);
        valid(booked);
        var cancelled = AppointmentMapping.of(AppointmentFixtures.cancelled(PATIENT, DOCTOR, AT));
        assertThat(cancelled.getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        valid(cancelled);
    }

    @Test
    void aConsultationIsAVirtualEncounterWithItsDiagnosesAsIcd10Reasons() {
        Encounter finished = EncounterMapping.of(ConsultationFixtures.completed(PATIENT, DOCTOR, AT, "I10", "E11.9"));
        assertThat(finished.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(finished.getClass_().getCode()).isEqualTo("VR");
        assertThat(finished.getReasonCode()).flatExtracting(CodeableConcept::getCoding).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://hl7.org/fhir/sid/icd-10", "I10"),
                        org.assertj.core.groups.Tuple.tuple("http://hl7.org/fhir/sid/icd-10", "E11.9"));
        valid(finished);
        Encounter open = EncounterMapping.of(ConsultationFixtures.open(PATIENT, DOCTOR, AT));
        assertThat(open.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(open.getPeriod().hasEnd()).isFalse();
        valid(open);
    }

    @Test
    void aRecordedConditionIsAnActiveProblemWithItsIcd10Code() {
        var condition = ConditionMapping.of(ClinicalRecordFixtures.condition(PATIENT, "I10", LocalDate.of(2024, 3, 1), "on amlodipine"));
        assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("I10");
        assertThat(condition.getCode().getCodingFirstRep().getDisplay()).isEqualTo("Essential (primary) hypertension");
        assertThat(condition.getOnsetDateTimeType().getValueAsString()).isEqualTo("2024-03-01");
        assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
        valid(condition);
    }

    @Test
    void aPrescriptionIsOneMedicationRequestPerItemGroupedByThePrescription() {
        UUID id = UUID.randomUUID();
        var items = List.of(item(1, "AMLODIPINE-5MG-TAB", Dosage.Frequency.QD, "1"), item(2, "METFORMIN-500MG-TAB", Dosage.Frequency.BID, "1"),
                item(3, "X-QN", Dosage.Frequency.QN, "0.5"), item(4, "X-QW", Dosage.Frequency.QW, "2"),
                item(5, "X-PRN", Dosage.Frequency.PRN, "1"), item(6, "X-TID", Dosage.Frequency.TID, "1"),
                item(7, "X-QID", Dosage.Frequency.QID, "1"));
        for (String status : List.of("ISSUED", "REVOCATION_REQUESTED", "REVOKED", "EXPIRED", "DISPENSED")) {
            List<MedicationRequest> requests = MedicationRequestMapping.of(view(id, status, items));
            assertThat(requests).extracting(MedicationRequest::getIdPart).containsExactly(id + "-1", id + "-2", id + "-3", id + "-4",
                    id + "-5", id + "-6", id + "-7");
            assertThat(requests).allSatisfy(r -> assertThat(r.getGroupIdentifier().getValue()).isEqualTo("urn:uuid:" + id));
            requests.forEach(ConsultationFhirMappingTest::valid);
        }
        MedicationRequest first = MedicationRequestMapping.of(view(id, "ISSUED", items)).get(1);
        assertThat(first.getStatus()).isEqualTo(MedicationRequestStatus.ACTIVE);
        assertThat(first.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);
        assertThat(first.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("60");
        assertThat(MedicationRequestMapping.of(view(id, "REVOKED", items)).get(0).getStatus()).isEqualTo(MedicationRequestStatus.CANCELLED);
        assertThat(MedicationRequestMapping.of(view(id, "DISPENSED", items)).get(0).getStatus()).isEqualTo(MedicationRequestStatus.COMPLETED);
    }

    @Test
    void aRenewalPointsEachItemAtTheOneItRenews() {
        UUID previous = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        var items = List.of(item(1, "AMLODIPINE-5MG-TAB", Dosage.Frequency.QD, "1"), item(2, "METFORMIN-500MG-TAB", Dosage.Frequency.BID, "1"));
        PrescriptionView v = view(id, "ISSUED", items);
        PrescriptionView renewal = new PrescriptionView(v.id(), v.consultationId(), v.patientId(), v.doctorId(), v.status(), v.diagnoses(),
                v.issuedAt(), v.expiresAt(), v.items(), v.signatureAlgorithm(), v.keyId(), v.signature(), previous);
        List<MedicationRequest> requests = MedicationRequestMapping.of(renewal);
        assertThat(requests).extracting(r -> r.getPriorPrescription().getReference())
                .containsExactly("MedicationRequest/" + previous + "-1", "MedicationRequest/" + previous + "-2");
        requests.forEach(ConsultationFhirMappingTest::valid);
        assertThat(MedicationRequestMapping.of(v).get(0).hasPriorPrescription()).isFalse();
    }

    @Test
    void anItemIdIsThePrescriptionAndTheLine() {
        UUID id = UUID.randomUUID();
        assertThat(org.ihospital.commons.fhir.LineId.parse(id + "-12")).contains(new org.ihospital.commons.fhir.LineId(id, 12));
        for (String wrong : List.of(id.toString(), id + "-0", id + "-x", "abc-1", id + "-1000", id + "-1-1")) {
            assertThat(org.ihospital.commons.fhir.LineId.parse(wrong)).as(wrong).isEmpty();
        }
    }

    @Test
    void bloodPressureIsAVitalSignsPanelOfTheBpProfile() {
        Observation bp = ObservationMapping.of(ReadingFixtures.of(PATIENT, new Measurement.BloodPressure(152, 96, 78), AT));
        assertThat(bp.getCode().getCodingFirstRep().getCode()).isEqualTo("85354-9");
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode(), c -> c.getValueQuantity().getCode())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("8480-6", "mm[Hg]"), org.assertj.core.groups.Tuple.tuple("8462-4", "mm[Hg]"),
                        org.assertj.core.groups.Tuple.tuple("8867-4", "/min"));
        assertThat(bp.getMeta().hasProfile(ObservationMapping.BP_PROFILE)).isTrue();
        valid(bp);
        // the profile is really held against it: a pressure in a unit it does not allow is an error
        bp.getComponentFirstRep().getValueQuantity().setCode("mmHg");
        assertThat(validation.errors(bp)).isNotEmpty();
        valid(ObservationMapping.of(ReadingFixtures.of(PATIENT, new Measurement.BloodPressure(120, 80, null), AT)));
    }

    @Test
    void glucoseWeightAndHbA1cCarryTheirLoincCodesAndUcumUnits() {
        Observation glucose = ObservationMapping.of(ReadingFixtures.of(PATIENT,
                new Measurement.Glucose(new BigDecimal("6.2"), Measurement.Timing.FASTING), AT));
        assertThat(glucose.getValueQuantity().getCode()).isEqualTo("mmol/L");
        assertThat(glucose.getCode().getText()).contains("fasting");
        valid(glucose);
        Observation weight = ObservationMapping.of(ReadingFixtures.of(PATIENT, new Measurement.Weight(new BigDecimal("72.4")), AT));
        assertThat(weight.getCode().getCodingFirstRep().getCode()).isEqualTo("29463-7");
        assertThat(weight.getValueQuantity().getValue()).isEqualByComparingTo("72.4");
        valid(weight);
        Observation hba1c = ObservationMapping.of(ReadingFixtures.of(PATIENT, new Measurement.HbA1c(new BigDecimal("6.8")), AT));
        assertThat(hba1c.getCode().getCodingFirstRep().getCode()).isEqualTo("4548-4");
        assertThat(hba1c.getValueQuantity().getCode()).isEqualTo("%");
        valid(hba1c);
    }

    @Test
    void aCarePlanAddressesItsConditionWithItsTeamTargetsAndActivities() {
        UUID second = UUID.randomUUID();
        var plan = CarePlanMapping.of(CarePlanFixtures.plan(PATIENT, CarePlan.Condition.HYPERTENSION, Set.of(DOCTOR, second), AT));
        assertThat(plan.getAddressesFirstRep().getDisplay()).contains("I10");
        assertThat(plan.getContained()).extracting(r -> r.fhirType()).containsExactly("CareTeam", "Goal");
        Goal goal = (Goal) plan.getContained().get(1);
        assertThat(goal.getTarget()).extracting(t -> ((Quantity) t.getDetail()).getValue().intValue()).containsExactly(140, 90);
        assertThat(plan.getActivity()).hasSize(2);
        valid(plan);
        valid(CarePlanMapping.of(CarePlanFixtures.plan(PATIENT, CarePlan.Condition.TYPE2_DIABETES, Set.of(DOCTOR), AT)));
    }

    private static PrescriptionItem item(int line, String code, Dosage.Frequency frequency, String amount) {
        return new PrescriptionItem(line, code, "generic " + line, "tablet", new BigDecimal("5"), "mg", "C08CA01", 60,
                new Dosage(new BigDecimal(amount), frequency, 30), line == 1 ? "after breakfast" : "");
    }

    private static PrescriptionView view(UUID id, String status, List<PrescriptionItem> items) {
        return new PrescriptionView(id, UUID.randomUUID(), PATIENT, DOCTOR, status, List.of("I10"), AT, AT.plusSeconds(3 * 86400), items,
                "Ed25519", UUID.randomUUID(), "c2lnbmF0dXJl", null);
    }
}
