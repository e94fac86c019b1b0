package org.ihospital.pharmacy.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One medicine of an order, as the pharmacist approved it. */
@Embeddable
public record OrderItem(int line, @Column(name = "drug_code") String drugCode, int quantity) {
}
