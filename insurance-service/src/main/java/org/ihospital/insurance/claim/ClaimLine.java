package org.ihospital.insurance.claim;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.ihospital.insurance.catalogue.CatalogueClass;

/** One line of a claim with its split (class, price and the parts are empty on a claim that could not be priced). */
@Embeddable
public record ClaimLine(int line, @Column(name = "drug_code") String drugCode, String atc, int quantity,
        @Enumerated(EnumType.STRING) @Column(name = "catalogue_class") CatalogueClass catalogueClass, @Column(name = "unit_price") Long unitPrice,
        Long amount, @Column(name = "self_pay_first") long selfPayFirst, long deductible, @Column(name = "basic_pays") long basicPays,
        @Column(name = "supplementary_pays") long supplementaryPays, @Column(name = "patient_pays") Long patientPays) {

    static ClaimLine of(Adjudication.LineSplit s, String atc) {
        return new ClaimLine(s.line(), s.drugCode(), atc, s.quantity(), s.catalogueClass(), s.unitPrice(), s.amount(), s.selfPayFirst(), s.deductible(),
                s.basicPays(), s.supplementaryPays(), s.patientPays());
    }

    static ClaimLine unpriced(Adjudication.Line l, String atc) {
        return new ClaimLine(l.line(), l.drugCode(), atc, l.quantity(), null, null, null, 0, 0, 0, 0, null);
    }
}
