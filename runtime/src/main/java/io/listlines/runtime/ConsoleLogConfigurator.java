package io.listlines.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * A program's logging: one console appender, {@code HH:mm:ss.SSS LEVEL message}, Netty's own
 * loggers at WARN, the root at {@code LISTLINES_LOG_LEVEL} or the program's default. Configured in
 * code, found by Logback through {@code META-INF/services}: parsing a {@code logback.xml} took
 * about a fifth of a second of every start. {@code -Dlogback.configurationFile=FILE} still wins
 * (this configurator then steps aside), and so does a {@code logback-test.xml} on the class path.
 */
public abstract class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** The pattern every program logs with. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %msg%n";

    private final boolean toStandardError;
    private final Level defaultLevel;

    /**
     * @param toStandardError standard error (a client's, whose standard output carries results) or output
     * @param defaultLevel the root level without {@code LISTLINES_LOG_LEVEL}
     */
    protected ConsoleLogConfigurator(boolean toStandardError, Level defaultLevel) {
        this.toStandardError = toStandardError;
        this.defaultLevel = defaultLevel;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget(toStandardError ? "System.err" : "System.out");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("LISTLINES_LOG_LEVEL"), defaultLevel));
        root.addAppender(console);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
