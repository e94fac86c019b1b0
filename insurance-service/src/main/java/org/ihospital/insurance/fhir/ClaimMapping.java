package org.ihospital.insurance.fhir;

import java.math.BigDecimal;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ClaimStatus;
import org.hl7.fhir.r4.model.Claim.Use;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.insurance.claim.ClaimLine;
import org.ihospital.insurance.claim.ClaimService.ClaimView;

/**
 * A claim as a FHIR R4 Claim: a pharmacy claim for the patient's approved prescription, each line the drug
 * (the hospital's dictionary code, its ATC code), its quantity, unit price and amount. Money is FHIR's
 * decimal with currency CNY, converted from fen exactly; a line the catalogue could not price has none.
 */
final class ClaimMapping {

    static final String CNY = "CNY";
    static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    /** The hospital, which claims for its patients. */
    static final Reference HOSPITAL = new Reference().setType("Organization").setDisplay("Internet hospital");

    private ClaimMapping() {
    }

    static Claim of(ClaimView c) {
        Claim fhir = new Claim();
        fhir.setId(c.id().toString());
        fhir.setStatus("VOIDED".equals(c.status()) ? ClaimStatus.CANCELLED : ClaimStatus.ACTIVE);
        fhir.setType(new CodeableConcept().addCoding(new Coding(CLAIM_TYPE, "pharmacy", "Pharmacy")));
        fhir.setUse(Use.CLAIM);
        fhir.setPatient(patient(c.patientId()));
        fhir.setCreated(Date.from(c.adjudicatedAt()));
        fhir.setProvider(HOSPITAL.copy());
        fhir.setPriority(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal")));
        fhir.setPrescription(new Reference().setType("MedicationRequest")
                .setIdentifier(new Identifier().setSystem(Fhir.URI_IDENTIFIERS).setValue("urn:uuid:" + c.prescriptionId())));
        fhir.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference().setType("Coverage")
                .setDisplay("The patient's coverage on the day the prescription was approved (self-pay without one)"));
        for (ClaimLine line : c.lines()) {
            var item = fhir.addItem().setSequence(line.line())
                    .setProductOrService(new CodeableConcept().addCoding(new Coding(Fhir.DRUG_DICTIONARY, line.drugCode(), null))
                            .addCoding(new Coding(Fhir.ATC, line.atc(), null)).setText(line.drugCode()));
            item.getQuantity().setValue(line.quantity());
            if (line.unitPrice() != null) {
                item.setUnitPrice(cny(line.unitPrice()));
            }
            if (line.amount() != null) {
                item.setNet(cny(line.amount()));
            }
        }
        fhir.setTotal(cny(c.total()));
        return fhir;
    }

    static Reference patient(UUID id) {
        return new Reference(Fhir.reference("Patient", id));
    }

    /** Fen as FHIR money: yuan with two decimals, exactly (12345 fen is 123.45 CNY). */
    static Money cny(long fen) {
        return new Money().setValue(BigDecimal.valueOf(fen, 2)).setCurrency(CNY);
    }
}
