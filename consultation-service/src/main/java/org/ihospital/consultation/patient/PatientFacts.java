package org.ihospital.consultation.patient;

import java.util.UUID;

/** What another package may know of a patient: no name, phone or ID-card number. */
public record PatientFacts(UUID id, String region, boolean realNameVerified, String account) {
}
