package org.ihospital.insurance.payer;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * A payer the hospital exchanges claims with (the port; one adapter per payer). Every submission carries
 * its idempotency key: a payer answers a key it has seen with the answer it gave, and never acts twice.
 */
public interface Payer {

    /**
     * Sends a submission; fails when no answer came (refused connection, an error status, the time-out),
     * after which the payer may or may not have acted on it.
     *
     * @param body the JSON exactly as stored in the submission
     */
    Uni<Answer> submit(Phase phase, String key, String body);

    /** What the payer answered to this key, if it ever received it: asked before a submission is sent again. */
    Uni<Optional<Answer>> find(Phase phase, String key);
}
