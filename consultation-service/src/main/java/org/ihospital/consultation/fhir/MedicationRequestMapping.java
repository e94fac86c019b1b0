package org.ihospital.consultation.fhir;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Timing.EventTiming;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.LineId;
import org.ihospital.consultation.prescription.Dosage.Frequency;
import org.ihospital.consultation.prescription.PrescriptionItem;
import org.ihospital.consultation.prescription.PrescriptionService.PrescriptionView;

/**
 * A prescription as FHIR R4 MedicationRequests, one per item (FHIR orders one medication per request),
 * with the id {@code <prescription id>-<line>} and the prescription as their group identifier: the drug
 * (the hospital's dictionary code and its ATC code), the dose, how often and how long, the quantity to
 * dispense and until when, the follow-up diagnoses as reasons.
 */
final class MedicationRequestMapping {


    private MedicationRequestMapping() {
    }

    static List<MedicationRequest> of(PrescriptionView p) {
        return p.items().stream().map(item -> of(p, item)).toList();
    }

    static MedicationRequest of(PrescriptionView p, PrescriptionItem item) {
        MedicationRequest fhir = new MedicationRequest();
        fhir.setId(new LineId(p.id(), item.line()).toString());
        status(fhir, p.status());
        fhir.setIntent(MedicationRequestIntent.ORDER);
        fhir.setGroupIdentifier(new Identifier().setSystem(Fhir.URI_IDENTIFIERS).setValue("urn:uuid:" + p.id()));
        fhir.setMedication(medication(item));
        fhir.setSubject(Codes.patient(p.patientId()));
        fhir.setEncounter(new Reference(Fhir.reference("Encounter", p.consultationId())));
        fhir.setAuthoredOn(Codes.date(p.issuedAt()));
        fhir.setRequester(Codes.practitioner(p.doctorId()));
        p.diagnoses().forEach(code -> fhir.addReasonCode(Codes.icd10(code)));
        fhir.addDosageInstruction(dosage(item));
        if (p.renewalOf() != null) {
            // a renewal prescribes each item of the one it renews again, line for line
            fhir.setPriorPrescription(new Reference("MedicationRequest/" + new LineId(p.renewalOf(), item.line())));
        }
        fhir.getDispenseRequest()
                .setValidityPeriod(new Period().setStart(Codes.date(p.issuedAt())).setEnd(Codes.date(p.expiresAt())))
                .setQuantity(new Quantity().setValue(item.quantity()).setUnit(item.form()))
                .setExpectedSupplyDuration(days(item.dosage().days()));
        return fhir;
    }

    /** Issued: active; revocation asked: on hold until the pharmacy decides; revoked or expired undispensed; dispensed: completed. */
    private static void status(MedicationRequest fhir, String status) {
        switch (status) {
            case "ISSUED" -> fhir.setStatus(MedicationRequestStatus.ACTIVE);
            case "REVOCATION_REQUESTED" -> fhir.setStatus(MedicationRequestStatus.ONHOLD)
                    .setStatusReason(new CodeableConcept().setText("revocation requested by the prescriber; the pharmacy decides"));
            case "REVOKED" -> fhir.setStatus(MedicationRequestStatus.CANCELLED)
                    .setStatusReason(new CodeableConcept().setText("revoked by the prescriber"));
            case "EXPIRED" -> fhir.setStatus(MedicationRequestStatus.STOPPED)
                    .setStatusReason(new CodeableConcept().setText("expired before it was dispensed"));
            case "DISPENSED" -> fhir.setStatus(MedicationRequestStatus.COMPLETED);
            default -> fhir.setStatus(MedicationRequestStatus.UNKNOWN);
        }
    }

    private static CodeableConcept medication(PrescriptionItem item) {
        return new CodeableConcept()
                .addCoding(new Coding(Fhir.DRUG_DICTIONARY, item.drugCode(), item.genericName()))
                .addCoding(new Coding(Fhir.ATC, item.atc(), item.genericName()))
                .setText(item.genericName() + " " + item.strength().stripTrailingZeros().toPlainString() + " " + item.strengthUnit()
                        + " " + item.form());
    }

    private static Dosage dosage(PrescriptionItem item) {
        var d = item.dosage();
        String amount = d.amount().stripTrailingZeros().toPlainString();
        Dosage dosage = new Dosage().setSequence(1)
                .setText(amount + " " + item.form() + " " + d.frequency().name() + " for " + d.days() + " days");
        if (item.instructions() != null && !item.instructions().isBlank()) {
            dosage.setPatientInstruction(item.instructions());
        }
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat().setBounds(days(d.days()));
        Frequency f = d.frequency();
        switch (f) {
            case QD -> repeat.setFrequency(1).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
            case BID -> repeat.setFrequency(2).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
            case TID -> repeat.setFrequency(3).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
            case QID -> repeat.setFrequency(4).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
            case QN -> repeat.setFrequency(1).setPeriod(1).setPeriodUnit(UnitsOfTime.D).addWhen(EventTiming.HS);
            case QW -> repeat.setFrequency(1).setPeriod(1).setPeriodUnit(UnitsOfTime.WK);
            case PRN -> dosage.setAsNeeded(new BooleanType(true)).setMaxDosePerPeriod(new Ratio()
                    .setNumerator(new Quantity().setValue(d.amount().multiply(BigDecimal.valueOf(3))).setUnit(item.form()))
                    .setDenominator(Codes.ucum(BigDecimal.ONE, "day", "d")));
        }
        dosage.addDoseAndRate().setDose(new Quantity().setValue(d.amount()).setUnit(item.form()));
        return dosage;
    }

    private static Duration days(int days) {
        Duration duration = new Duration();
        duration.setValue(days).setUnit("days").setSystem(Fhir.UCUM).setCode("d");
        return duration;
    }
}
