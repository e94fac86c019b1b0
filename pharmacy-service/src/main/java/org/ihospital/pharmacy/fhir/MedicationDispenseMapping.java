package org.ihospital.pharmacy.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.fhir.LineId;
import org.ihospital.contracts.ReferenceData;
import org.ihospital.pharmacy.order.OrderItem;
import org.ihospital.pharmacy.order.OrderService.OrderView;

/**
 * An order as FHIR R4 MedicationDispenses, one per line (FHIR dispenses one medication at a time), with the
 * id {@code <order id>-<line>}: the drug, the quantity, the prescription item it dispenses, the partner
 * pharmacy, when it was dispensed and handed over. The delivery address stays out (personal data the view
 * does not need).
 */
final class MedicationDispenseMapping {

    /** The partner pharmacies as an identifier system (their ids in pharmacy-service). */
    static final String PARTNERS = "urn:ihospital:partner-pharmacy";

    private MedicationDispenseMapping() {
    }

    static List<MedicationDispense> of(OrderView order) {
        return order.items().stream().map(item -> of(order, item)).toList();
    }

    static MedicationDispense of(OrderView order, OrderItem item) {
        MedicationDispense fhir = new MedicationDispense();
        fhir.setId(new LineId(order.id(), item.line()).toString());
        status(fhir, order);
        fhir.setMedication(medication(item));
        fhir.setSubject(new Reference(Fhir.reference("Patient", order.patientId())));
        fhir.addAuthorizingPrescription(new Reference("MedicationRequest/" + new LineId(order.prescriptionId(), item.line())));
        var drug = ReferenceData.drug(item.drugCode());
        fhir.setQuantity(new Quantity().setValue(item.quantity()).setUnit(drug.map(ReferenceData.Drug::form).orElse("unit")));
        if (order.pharmacyId() != null) {
            fhir.addPerformer().setActor(new Reference().setIdentifier(new Identifier().setSystem(PARTNERS)
                    .setValue(order.pharmacyId().toString())).setDisplay("partner pharmacy"));
        }
        stepAt(order, "DISPENSED").ifPresent(at -> fhir.setWhenPrepared(Date.from(at)));
        stepAt(order, "DELIVERED").ifPresent(at -> fhir.setWhenHandedOver(Date.from(at)));
        return fhir;
    }

    /**
     * Paid, routed, accepted: in preparation; cancelling: on hold; dispensed and on its way: in progress;
     * delivered: completed; cancelled; no pharmacy could: declined.
     */
    private static void status(MedicationDispense fhir, OrderView order) {
        switch (order.status()) {
            case "CANCELLING" -> fhir.setStatus(MedicationDispenseStatus.ONHOLD);
            case "DISPENSED", "SHIPPED" -> fhir.setStatus(MedicationDispenseStatus.INPROGRESS);
            case "DELIVERED" -> fhir.setStatus(MedicationDispenseStatus.COMPLETED);
            case "CANCELLED" -> fhir.setStatus(MedicationDispenseStatus.CANCELLED);
            case "UNROUTABLE" -> fhir.setStatus(MedicationDispenseStatus.DECLINED)
                    .setStatusReason(new CodeableConcept().setText("no partner pharmacy could deliver it"));
            default -> fhir.setStatus(MedicationDispenseStatus.PREPARATION);
        }
    }

    private static CodeableConcept medication(OrderItem item) {
        CodeableConcept medication = new CodeableConcept().addCoding(new Coding(Fhir.DRUG_DICTIONARY, item.drugCode(), null));
        ReferenceData.drug(item.drugCode()).ifPresent(d -> medication.addCoding(new Coding(Fhir.ATC, d.atc(), d.genericName()))
                .setText(d.genericName() + " " + d.strength().stripTrailingZeros().toPlainString() + " " + d.strengthUnit() + " " + d.form()));
        return medication;
    }

    /** When the order first reached a step (its steps, as the patient follows them). */
    private static Optional<Instant> stepAt(OrderView order, String step) {
        return order.steps().stream().filter(s -> step.equals(s.step())).map(s -> s.at()).findFirst();
    }
}
