package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalsTest {
    @Test
    void everyRefusalIsCountedByReasonAndOneLinePerKeyNamesThePeerAndWhy() {
        Logger logger = (Logger) LoggerFactory.getLogger(SessionLogger.NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ServerStats stats = new ServerStats();
            Refusals refusals = new Refusals(stats);
            InetSocketAddress peer = new InetSocketAddress("127.0.0.2", 5000);
            for (int i = 0; i < 3; i++) {
                refusals.refuse(peer, "max_connections", "max_connections", () -> "1 connections open, the limit");
            }
            refusals.refuse(peer, "proxy_untrusted", "proxy_untrusted", () -> "127.0.0.2 is not trusted");
            assertEquals(Map.of("max_connections", 3L, "proxy_untrusted", 1L), stats.rejectedByReason());
            assertEquals(
                    List.of(
                            "Rejected connection: 127.0.0.2:5000 (1 connections open, the limit)",
                            "Rejected connection: 127.0.0.2:5000 (127.0.0.2 is not trusted)"),
                    appender.list.stream()
                            .map(ILoggingEvent::getFormattedMessage)
                            .toList());
        } finally {
            logger.detachAppender(appender);
        }
    }
}
