package org.ihospital.insurance.payer;

/**
 * A payer did not answer with an answer: an error status, or a body that is not an answer to the key
 * asked. {@code retryable} is false when asking again cannot help (the payer rejects the request itself: a
 * 4xx other than 408 and 429), so that the claim goes to an auditor at once instead of after hours.
 */
public final class NoAnswer extends RuntimeException {

    private final boolean retryable;

    public NoAnswer(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
