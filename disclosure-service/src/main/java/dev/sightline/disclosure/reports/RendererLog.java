package dev.sightline.disclosure.reports;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where openhtmltopdf's messages go: its warnings and errors to the service's log (through
 * {@code java.util.logging}, which Quarkus routes to its own), under {@code com.openhtmltopdf}; its information and
 * tracing nowhere. The library reports on every rendering ("Matcher created", "Loading font") and traces every
 * length it computes; its default logger looked each message up among the JDK's loggers before dropping it, some
 * 7% of a 20-partnership report's rendering.
 */
final class RendererLog implements XRLogger {
    private static final Logger LOG = Logger.getLogger("com.openhtmltopdf");

    private RendererLog() {
    }

    /** Makes this the library's logger; once, before the first rendering. */
    static void install() {
        XRLog.setLoggerImpl(new RendererLog());
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return serious(diagnostic.getLevel());
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        if (serious(level)) {
            LOG.log(level, where + ": " + message, error);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
    }

    private static boolean serious(Level level) {
        return level.intValue() >= Level.WARNING.intValue();
    }
}
