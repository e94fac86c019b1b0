package org.ihospital.commons.logging;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stands in, in a log record only, for an exception whose message (or a cause's) carries personal data:
 * same stack trace, the original class name in front of the masked message. Exceptions without such
 * data are logged as they are.
 */
public final class MaskedException extends RuntimeException {

    private MaskedException(String message, Throwable cause) {
        super(message, cause, true, true);
    }

    static Throwable maskIfNeeded(Throwable thrown) {
        return needsMasking(thrown, 0) ? masked(thrown, new IdentityHashMap<>(), 0) : thrown;
    }

    private static boolean needsMasking(Throwable t, int depth) {
        if (t == null || depth > 16) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !message.equals(PiiMask.mask(message))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (needsMasking(s, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && needsMasking(t.getCause(), depth + 1);
    }

    private static Throwable masked(Throwable t, Map<Throwable, Throwable> done, int depth) {
        if (t == null || depth > 16) {
            return null;
        }
        Throwable seen = done.get(t);
        if (seen != null) {
            return seen;
        }
        Throwable cause = t.getCause() == t ? null : masked(t.getCause(), done, depth + 1);
        String message = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + PiiMask.mask(t.getMessage());
        MaskedException copy = new MaskedException(message, cause);
        copy.setStackTrace(t.getStackTrace());
        done.put(t, copy);
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(masked(s, done, depth + 1));
        }
        return copy;
    }
}
