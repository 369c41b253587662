package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.listlines.report.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadMetricsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void portZeroIsOff() {
        assertNull(LoadMetrics.serve(0));
    }

    @Test
    void servesSessionsByOutcomeConnectionsOpenAndLatencyBuckets() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        AtomicLong open = new AtomicLong(7);
        try (LoadMetrics metrics = LoadMetrics.serve(port)) {
            metrics.connectionsOpen(open::get);
            // started at 0: connected after 0.3 ms, ended after 40 ms; then one refused
            metrics.ended(new SessionResult(Outcome.COMPLETE, null, null, 0, 300_000, 0, 1 * MS, 40 * MS));
            metrics.ended(new SessionResult(Outcome.REFUSED, null, "refused", 0, 0, 0, 0, 1 * MS));
            MetricsScrape scrape = MetricsScrape.fetch(URI.create("http://127.0.0.1:" + port + "/metrics"));

            String sessions = "listlines_generator_sessions_total";
            assertEquals(OptionalDouble.of(1), scrape.value(sessions, Map.of("outcome", "complete")));
            assertEquals(OptionalDouble.of(1), scrape.value(sessions, Map.of("outcome", "refused")));
            assertEquals(OptionalDouble.of(0), scrape.value(sessions, Map.of("outcome", "timeout")));
            assertEquals(OptionalDouble.of(7), scrape.value("listlines_generator_connections_open", Map.of()));
            String connect = "listlines_generator_connect_duration_seconds_bucket";
            assertEquals(OptionalDouble.of(0), scrape.value(connect, Map.of("le", "2.5E-4")));
            assertEquals(OptionalDouble.of(1), scrape.value(connect, Map.of("le", "5.0E-4")));
            String session = "listlines_generator_session_duration_seconds_bucket";
            assertEquals(OptionalDouble.of(0), scrape.value(session, Map.of("le", "0.025")));
            assertEquals(OptionalDouble.of(1), scrape.value(session, Map.of("le", "0.05")));
            assertEquals(
                    OptionalDouble.of(1), scrape.value("listlines_generator_session_duration_seconds_count", Map.of()));
        }
    }
}
