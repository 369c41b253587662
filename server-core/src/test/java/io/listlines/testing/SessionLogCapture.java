package io.listlines.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.listlines.core.SessionLogger;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Collects what the servers log about sessions ({@code io.listlines.session}), so tests can
 * assert on the outcome a server recorded, e.g. {@code Closed connection: 127.0.0.1:5000 (complete)}.
 */
public final class SessionLogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(SessionLogger.NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous;

    public SessionLogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** Waits (polling the captured lines, up to {@code timeout}) for a line matching {@code match}. */
    public String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session log line matched within " + timeout + "; got " + lines());
            }
            Thread.sleep(10);
        }
    }

    /** The outcome logged for the connection from local port {@code port}: {@code complete}, {@code incomplete 3/10} ... */
    public String outcomeFor(int peerPort, Duration timeout) throws InterruptedException {
        String line = await(l -> l.startsWith("Closed connection: ") && l.contains(":" + peerPort + " ("), timeout);
        return line.substring(line.indexOf(" (") + 2, line.length() - 1);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
