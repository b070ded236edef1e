package startupcoach.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event while a test runs: the whole process at INFO (libraries included), this
 * project's loggers at DEBUG (message texts included), with their MDC.
 */
final class LogLines implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("startupcoach");
    private final Level rootLevel = root.getLevel();
    private final Level ourLevel = ours.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogLines() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        ours.setLevel(Level.DEBUG);
    }

    List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** Each event as an operator would see it: message, arguments, MDC, key-values and exception text. */
    List<String> rendered() {
        return events().stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                + " " + e.getKeyValuePairs() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()
                + ": " + e.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        ours.setLevel(ourLevel);
    }
}
