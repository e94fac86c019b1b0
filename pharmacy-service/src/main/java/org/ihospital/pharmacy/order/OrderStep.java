package org.ihospital.pharmacy.order;

import java.time.Instant;

import jakarta.persistence.Embeddable;

/** One step of an order as the patient follows it: the status it reached, why, and when. */
@Embeddable
public record OrderStep(String status, String detail, Instant at) {
}
