package org.ihospital.commons.messaging;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.ihospital.commons.logging.PiiMask;

import io.vertx.pgclient.PgException;

/** What the messaging mechanics need to know of a failure: its masked one-line description, and whether time alone may cure it. */
public final class Failures {

    private static final int MAX_LENGTH = 500;
    /**
     * SQLSTATEs that say "try again": serialization failure, deadlock, lock not available, too many
     * connections, the server shutting down or starting, and the connection classes (08…).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "53300", "53400", "57P01", "57P02", "57P03");

    private Failures() {
    }

    /** The failure as one masked line of at most 500 characters (class and message of it and its causes). */
    public static String describe(Throwable failure) {
        return PiiMask.reason(failure, MAX_LENGTH);
    }

    /**
     * Could the same work succeed later without anyone changing anything: the database unreachable,
     * a timeout, a serialization failure, a deadlock, an optimistic lock lost to a concurrent writer?
     * Everything else (a contract violation, a refused rule, a bug) is deterministic.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableEvent) {
                return false;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || TRANSIENT_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof TimeoutException || t instanceof java.net.SocketException
                    || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Connection refused") || message.contains("Connection is not active")
                    || message.contains("connection was closed") || message.contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
