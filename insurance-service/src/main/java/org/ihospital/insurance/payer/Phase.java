package org.ihospital.insurance.payer;

/**
 * What a submission asks of a payer: to confirm its share before anything is dispensed (预结算), to pay it
 * once the medicine was delivered (结算), or to release a confirmed share that will never be paid.
 */
public enum Phase {
    PRE_SETTLEMENT("pre-settlements", "pre-settlement"), SETTLEMENT("settlements", "settlement"), CANCELLATION("cancellations", "cancellation");

    private final String path;
    private final String keyPart;

    Phase(String path, String keyPart) {
        this.path = path;
        this.keyPart = keyPart;
    }

    /** Its collection in a payer's API. */
    public String path() {
        return path;
    }

    /**
     * The idempotency key of one claim's submission of this phase to one payer: the same on every retry and
     * every replica, so that a payer never confirms, pays or cancels one claim twice.
     */
    public String key(java.util.UUID claim, Liability payer) {
        return claim + ":" + keyPart + ":" + payer.path();
    }
}
