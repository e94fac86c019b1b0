package org.ihospital.insurance.payer;

/**
 * Who pays, in order of liability (coordination of benefits): the basic medical insurance (基本医保) first,
 * then a commercial supplementary plan (商业补充保险) on what the basic insurance left to the patient.
 */
public enum Liability {
    BASIC("basic"), SUPPLEMENTARY("supplementary");

    private final String path;

    Liability(String path) {
        this.path = path;
    }

    /** Its name in idempotency keys and payers' addresses. */
    public String path() {
        return path;
    }
}
