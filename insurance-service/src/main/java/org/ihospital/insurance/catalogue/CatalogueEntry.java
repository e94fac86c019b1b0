package org.ihospital.insurance.catalogue;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One drug of the live insurance catalogue, as operators keep it; every change raises its version. */
@Entity
@Table(name = "catalogue_item")
public class CatalogueEntry {

    @Id
    @Column(name = "drug_code")
    private String drugCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "catalogue_class")
    private CatalogueClass catalogueClass;
    @Column(name = "unit_price")
    private long unitPrice;
    @Column(name = "quantity_limit")
    private int quantityLimit;
    private int version;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;

    protected CatalogueEntry() {
    }

    static CatalogueEntry add(CatalogueItem item, String operator, Instant now) {
        CatalogueEntry e = new CatalogueEntry();
        e.drugCode = item.drugCode();
        e.version = 0;
        e.change(item, operator, now);
        return e;
    }

    /** @return whether anything changed (an identical PUT changes nothing, not even the version) */
    boolean change(CatalogueItem item, String operator, Instant now) {
        if (catalogueClass == item.catalogueClass() && unitPrice == item.unitPrice() && quantityLimit == item.quantityLimit()) {
            return false;
        }
        catalogueClass = item.catalogueClass();
        unitPrice = item.unitPrice();
        quantityLimit = item.quantityLimit();
        version++;
        updatedAt = now;
        updatedBy = operator;
        return true;
    }

    public CatalogueItem item() {
        return new CatalogueItem(drugCode, catalogueClass, unitPrice, quantityLimit);
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
