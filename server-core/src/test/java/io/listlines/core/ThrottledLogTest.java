package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {
    @Test
    void oneLinePerKeyAndIntervalThenTheCountHeldBack() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger("io.listlines.test.throttled");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ThrottledLog log = new ThrottledLog(logger, TimeUnit.MILLISECONDS.toNanos(200));
            for (int i = 0; i < 5; i++) {
                String line = "refused a" + i;
                log.warn("a", () -> line);
            }
            log.warn("b", () -> "refused b0");
            Thread.sleep(250); // past the interval: the window is time itself
            log.warn("a", () -> "refused a5");
            List<String> lines = appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertEquals(
                    List.of("refused a0", "refused b0", "refused a5 (and 4 more like it since the last such line)"),
                    lines);
        } finally {
            logger.detachAppender(appender);
        }
    }
}
