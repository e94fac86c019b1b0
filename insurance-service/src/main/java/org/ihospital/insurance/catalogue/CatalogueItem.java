package org.ihospital.insurance.catalogue;

/** A drug as the insurance catalogue prices and classes it: unit price in fen, and how many units one prescription may claim. */
public record CatalogueItem(String drugCode, CatalogueClass catalogueClass, long unitPrice, int quantityLimit) {

    public CatalogueItem {
        if (drugCode == null || drugCode.isBlank()) {
            throw new IllegalArgumentException("a catalogue item needs its drug code");
        }
        if (catalogueClass == null) {
            throw new IllegalArgumentException("a catalogue item needs its class");
        }
        if (unitPrice < 0) {
            throw new IllegalArgumentException("a unit price is never negative: " + unitPrice);
        }
        if (quantityLimit < 1) {
            throw new IllegalArgumentException("a quantity limit is at least 1: " + quantityLimit);
        }
    }
}
