package org.ihospital.commons.idempotency;

import org.ihospital.commons.problem.ProblemException;

public class InvalidIdempotencyKey extends ProblemException {

    public InvalidIdempotencyKey() {
        super("invalid-idempotency-key", 400, "Invalid Idempotency-Key",
                "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID");
    }
}
