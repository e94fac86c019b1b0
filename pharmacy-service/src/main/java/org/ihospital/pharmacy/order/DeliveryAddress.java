package org.ihospital.pharmacy.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where the parcel goes and who takes it: personal data, shown to the patient and sent to the partner that
 * delivers, never written to a log or an event.
 */
@Embeddable
public record DeliveryAddress(String recipient, String phone, @Column(name = "address_line") String line, String region) {

    @Override
    public String toString() {
        return "DeliveryAddress[region=" + region + "]";
    }
}
