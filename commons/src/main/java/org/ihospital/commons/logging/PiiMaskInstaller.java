package org.ihospital.commons.logging;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Puts the PII mask at the root of logging, so that every handler gets masked records and not only
 * the handlers whose configuration names {@code pii-mask}.
 *
 * <p>Quarkus has no root-wide filter: a filter is named per handler ({@code quarkus.log.console.filter},
 * {@code .file.filter}, {@code .syslog.filter}, {@code .socket.filter},
 * {@code quarkus.log.handler.<kind>."name".filter}); a logger's own filter applies only to records logged
 * on that very logger. commons' configuration names the mask on the four built-in handlers, which covers
 * everything from the moment logging is set up (boot failures included). This class closes what that
 * leaves open — a named handler, a handler an extension adds, a service that replaces a handler's
 * filter: once the application has started it wraps the filter of
 * <ul>
 *   <li>the root logger's handler: in Quarkus the one handler through which every root handler receives
 *       each record, so the record is masked in place before any of them formats it; and</li>
 *   <li>each handler attached to a category ({@code quarkus.log.category."…".handlers}): those see a
 *       record before the root does.</li>
 * </ul>
 * The handler's own filter runs first (it may drop or re-level the record), then the mask. It runs again
 * after every (re)start, as Quarkus rebuilds the handlers then. Records logged before the start event
 * reach named handlers unmasked; handlers added later are not seen.
 */
@Singleton
class PiiMaskInstaller {

    private static final Pattern CATEGORY_HANDLERS = Pattern.compile("quarkus\\.log\\.category\\.\"?(.+?)\"?\\.handlers");

    void onStart(@Observes @Priority(0) StartupEvent started) {
        Set<String> categories = new LinkedHashSet<>();
        for (String property : ConfigProvider.getConfig().getPropertyNames()) {
            Matcher m = CATEGORY_HANDLERS.matcher(property);
            if (m.matches()) {
                categories.add(m.group(1));
            }
        }
        install(LogContext.getLogContext(), categories);
    }

    /** Masks what reaches the root's handlers and the handlers of every known category; returns how many it wrapped. */
    static int install(LogContext context, Set<String> categories) {
        Set<String> names = new LinkedHashSet<>();
        names.add("");
        names.addAll(Collections.list(context.getLoggerNames()));
        names.addAll(categories);
        int wrapped = 0;
        for (String name : names) {
            Logger logger = context.getLoggerIfExists(name);
            if (logger == null) {
                continue;
            }
            for (Handler handler : logger.getHandlers()) {
                if (!(handler.getFilter() instanceof MaskAfter)) {
                    handler.setFilter(new MaskAfter(handler.getFilter()));
                    wrapped++;
                }
            }
        }
        return wrapped;
    }

    /** A handler's own filter, then the mask. */
    static final class MaskAfter implements Filter {
        private static final Filter MASK = new PiiMaskingFilter();
        private final Filter own;

        MaskAfter(Filter own) {
            this.own = own;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            return (own == null || own.isLoggable(record)) && MASK.isLoggable(record);
        }
    }
}
