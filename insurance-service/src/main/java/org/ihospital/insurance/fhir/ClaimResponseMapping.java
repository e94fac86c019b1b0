package org.ihospital.insurance.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.insurance.claim.ClaimLine;
import org.ihospital.insurance.claim.ClaimService.ClaimView;

/**
 * A claim's adjudication as a FHIR R4 ClaimResponse (the same id as its Claim): per line and in total what
 * was submitted, what the payers pay (benefit), what the patient pays (copay) and the deductible taken. Its
 * outcome: complete once split (settled or voided too), queued while held for an auditor, error when it
 * could not be priced (the patient pays the full price), with the reason as disposition.
 */
final class ClaimResponseMapping {

    static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
    /** The payers: basic medical insurance first, a supplementary plan after. */
    static final Reference PAYERS = new Reference().setType("Organization").setDisplay("Basic medical insurance and supplementary plan");

    private ClaimResponseMapping() {
    }

    static ClaimResponse of(ClaimView c) {
        ClaimResponse fhir = new ClaimResponse();
        fhir.setId(c.id().toString());
        fhir.setStatus("VOIDED".equals(c.status()) ? ClaimResponse.ClaimResponseStatus.CANCELLED : ClaimResponse.ClaimResponseStatus.ACTIVE);
        fhir.setType(new CodeableConcept().addCoding(new Coding(ClaimMapping.CLAIM_TYPE, "pharmacy", "Pharmacy")));
        fhir.setUse(ClaimResponse.Use.CLAIM);
        fhir.setPatient(ClaimMapping.patient(c.patientId()));
        fhir.setCreated(Date.from(c.adjudicatedAt()));
        fhir.setInsurer(PAYERS.copy());
        fhir.setRequestor(ClaimMapping.HOSPITAL.copy());
        fhir.setRequest(new Reference(Fhir.reference("Claim", c.id())));
        fhir.setOutcome(outcome(c));
        fhir.setDisposition(disposition(c));
        for (ClaimLine line : c.lines()) {
            var item = fhir.addItem().setItemSequence(line.line());
            if (line.amount() == null) {
                item.addAdjudication().setCategory(category("submitted")).setReason(new CodeableConcept().setText("not in the catalogue"));
                continue;
            }
            item.addAdjudication().setCategory(category("submitted")).setAmount(ClaimMapping.cny(line.amount()));
            item.addAdjudication().setCategory(category("deductible")).setAmount(ClaimMapping.cny(line.deductible()));
            item.addAdjudication().setCategory(category("benefit")).setAmount(ClaimMapping.cny(line.basicPays() + line.supplementaryPays()));
            if (line.patientPays() != null) {
                item.addAdjudication().setCategory(category("copay")).setAmount(ClaimMapping.cny(line.patientPays()));
            }
        }
        fhir.addTotal().setCategory(category("submitted")).setAmount(ClaimMapping.cny(c.total()));
        fhir.addTotal().setCategory(category("benefit")).setAmount(ClaimMapping.cny(c.basicPays() + c.supplementaryPays()));
        if (c.patientPays() != null) {
            fhir.addTotal().setCategory(category("copay")).setAmount(ClaimMapping.cny(c.patientPays()));
        }
        return fhir;
    }

    private static RemittanceOutcome outcome(ClaimView c) {
        if ("REJECTED".equals(c.status())) {
            return RemittanceOutcome.ERROR;
        }
        return c.held() ? RemittanceOutcome.QUEUED : RemittanceOutcome.COMPLETE;
    }

    private static String disposition(ClaimView c) {
        return switch (c.status()) {
            case "REJECTED" -> "Rejected: " + (c.reason() == null ? "not priced" : c.reason()) + "; the patient pays the full price";
            case "SETTLED" -> "Settled";
            case "VOIDED" -> "Voided: nothing was dispensed";
            default -> c.held() ? "Held for an auditor" : "Adjudicated";
        };
    }

    private static CodeableConcept category(String code) {
        return new CodeableConcept().addCoding(new Coding(ADJUDICATION, code, null));
    }
}
