package org.ihospital.commons.idempotency;

import java.util.Map;

import org.ihospital.commons.problem.ProblemException;

/** What can go wrong with an Idempotency-Key, and a stored refusal replayed. */
public final class IdempotencyProblems {

    private IdempotencyProblems() {
    }

    public static final class KeyRequired extends ProblemException {
        public KeyRequired() {
            super("idempotency-key-required", 400, "Idempotency-Key required",
                    "This write must carry an Idempotency-Key header (e.g. a UUID), so that a retry can never do it twice");
        }
    }

    public static final class InFlight extends ProblemException {
        public InFlight() {
            super("idempotent-request-in-flight", 409, "Request in flight",
                    "A request with this Idempotency-Key is still being processed; retry in a moment to get its answer");
        }
    }

    /** The refusal the first request with this key got, given again. */
    public static final class Replayed extends ProblemException {
        private final Map<String, Object> extensions;

        Replayed(String type, int status, String title, String detail, Map<String, Object> extensions) {
            super(type, status, title, detail);
            this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        }

        @Override
        public Map<String, Object> extensions() {
            return extensions;
        }
    }
}
