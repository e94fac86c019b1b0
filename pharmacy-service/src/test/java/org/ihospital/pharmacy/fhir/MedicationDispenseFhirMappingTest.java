package org.ihospital.pharmacy.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.ihospital.commons.fhir.Fhir;
import org.ihospital.commons.testing.FhirValidation;
import org.ihospital.pharmacy.order.OrderItem;
import org.ihospital.pharmacy.order.OrderService.OrderView;
import org.ihospital.pharmacy.order.OrderService.StepView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders as FHIR R4 MedicationDispenses, each judged by HAPI's validator: no error, and no warning but the
 * ones ADR 0025 tolerates (the hospital's code systems without a terminology server, no narrative).
 */
class MedicationDispenseFhirMappingTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:30:00Z");
    private static FhirValidation validation;

    @BeforeAll
    static void validator() {
        validation = new FhirValidation();
    }

    private static void valid(MedicationDispense resource) {
        assertThat(validation.findings(resource, Fhir.DRUG_DICTIONARY, Fhir.ATC)).as(resource.getIdPart()).isEmpty();
    }

    private static OrderView order(String status, List<StepView> steps) {
        return new OrderView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), status, 600,
                new org.ihospital.pharmacy.order.DeliveryAddress("王小明", "13800000001", "徐汇区漕溪北路 88 号 1201", "310104"),
                "PAID".equals(status) ? null : UUID.randomUUID(), null, null,
                List.of(new OrderItem(1, "AMLODIPINE-5MG-TAB", 30), new OrderItem(2, "METFORMIN-500MG-TAB", 60)), steps, AT);
    }

    @Test
    void anOrderIsOneDispensePerLineOfItsPrescription() {
        List<StepView> steps = List.of(new StepView(1, "PAID", "", AT), new StepView(2, "DISPENSED", "", AT.plusSeconds(3600)),
                new StepView(3, "DELIVERED", "", AT.plusSeconds(7200)));
        OrderView delivered = order("DELIVERED", steps);
        List<MedicationDispense> lines = MedicationDispenseMapping.of(delivered);
        assertThat(lines).extracting(MedicationDispense::getIdPart).containsExactly(delivered.id() + "-1", delivered.id() + "-2");
        assertThat(lines).extracting(d -> d.getAuthorizingPrescriptionFirstRep().getReference())
                .containsExactly("MedicationRequest/" + delivered.prescriptionId() + "-1", "MedicationRequest/" + delivered.prescriptionId() + "-2");
        MedicationDispense first = lines.get(0);
        assertThat(first.getStatus()).isEqualTo(MedicationDispenseStatus.COMPLETED);
        assertThat(first.getSubject().getReference()).isEqualTo("Patient/" + delivered.patientId());
        assertThat(first.getQuantity().getValue()).isEqualByComparingTo("30");
        assertThat(first.getQuantity().getUnit()).isEqualTo("tablet");
        assertThat(first.getMedicationCodeableConcept().getText()).isEqualTo("amlodipine 5 mg tablet");
        assertThat(first.getWhenPrepared()).isEqualTo(java.util.Date.from(AT.plusSeconds(3600)));
        assertThat(first.getWhenHandedOver()).isEqualTo(java.util.Date.from(AT.plusSeconds(7200)));
        lines.forEach(MedicationDispenseFhirMappingTest::valid);
    }

    @Test
    void everyStatusOfAnOrderIsADispenseStatus() {
        for (String status : List.of("AWAITING_PAYMENT", "PAID", "ROUTED", "ACCEPTED", "CANCELLING", "DISPENSED", "SHIPPED", "DELIVERED",
                "CANCELLED", "UNROUTABLE")) {
            MedicationDispense d = MedicationDispenseMapping.of(order(status, List.of())).get(0);
            assertThat(d.getStatus()).as(status).isNotNull().isNotEqualTo(MedicationDispenseStatus.NULL);
            valid(d);
        }
        assertThat(MedicationDispenseMapping.of(order("UNROUTABLE", List.of())).get(0).getStatus()).isEqualTo(MedicationDispenseStatus.DECLINED);
        assertThat(MedicationDispenseMapping.of(order("PAID", List.of())).get(0).getStatus()).isEqualTo(MedicationDispenseStatus.PREPARATION);
    }

    @Test
    void theAddressStaysOut() {
        OrderView o = order("SHIPPED", List.of());
        String json = Fhir.json().encodeResourceToString(MedicationDispenseMapping.of(o).get(0));
        assertThat(json).doesNotContain("destination", "receiver", "王小明", "13800000001", "漕溪北路");
    }
}
