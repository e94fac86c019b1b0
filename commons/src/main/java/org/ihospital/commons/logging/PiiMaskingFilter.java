package org.ihospital.commons.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks personal data in a log record (its message and its exception's messages) before a handler
 * formats it. The record is rewritten in place, so every handler that receives it later gets it masked.
 * commons' default configuration names it on each built-in handler ({@code quarkus.log.console.filter},
 * {@code .file.filter}, {@code .syslog.filter}, {@code .socket.filter}) and {@link PiiMaskInstaller}
 * puts it at the root for every other handler.
 */
@LoggingFilter(name = "pii-mask")
public final class PiiMaskingFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (formatted == null) {
            return true;
        }
        String masked;
        try {
            masked = PiiMask.mask(formatted);
        } catch (RuntimeException e) {
            // never let a line through unmasked, and never break logging
            masked = "[log line withheld: it could not be masked (" + e.getClass().getSimpleName() + ")]";
        }
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(masked);
        }
        record.setParameters(null);
        if (record.getThrown() != null) {
            record.setThrown(MaskedException.maskIfNeeded(record.getThrown()));
        }
        return true;
    }
}
