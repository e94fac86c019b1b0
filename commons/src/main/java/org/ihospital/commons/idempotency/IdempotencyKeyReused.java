package org.ihospital.commons.idempotency;

import org.ihospital.commons.problem.ProblemException;

/** The same Idempotency-Key came back with a different request: a client bug, never replayed. */
public class IdempotencyKeyReused extends ProblemException {

    public IdempotencyKeyReused() {
        super("idempotency-key-reused", 422, "Idempotency key reused",
                "This Idempotency-Key was already used for a different request; use a new key for a new request");
    }
}
