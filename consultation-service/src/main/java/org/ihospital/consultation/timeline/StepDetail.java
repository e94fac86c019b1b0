package org.ihospital.consultation.timeline;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the patient and doctor see of a saga event: ids, outcomes and money (integer fen), never
 * personal data. Read from any saga event's data; the fields it lacks stay empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepDetail(UUID prescriptionId, Boolean approved, String reason, UUID orderId, String pharmacyId, String trackingNumber,
        UUID claimId, Long insurerPays, Long patientPays, String status) {
}
