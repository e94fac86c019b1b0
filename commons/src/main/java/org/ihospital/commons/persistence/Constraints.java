package org.ihospital.commons.persistence;

import io.vertx.pgclient.PgException;

/**
 * Recognises which database constraint refused a write, whatever wrapped the driver's error on the
 * way up (Hibernate Reactive, Mutiny, the SQL client). The database enforces the invariants that
 * concurrency could break; the service turns the violation into the right problem.
 */
public final class Constraints {

    private Constraints() {
    }

    /** Did {@code failure} come from a violation of the constraint or unique index named {@code constraint}? */
    public static boolean violated(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && constraint.equals(pg.getConstraint())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("\"" + constraint + "\"")) {
                return true;
            }
        }
        return false;
    }
}
