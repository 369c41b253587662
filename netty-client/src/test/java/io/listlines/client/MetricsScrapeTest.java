package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The metrics reader: the servers' exposition as it is, and as the Prometheus Java client writes it. */
class MetricsScrapeTest {
    /** What the servers serve today (ServerStats.prometheus). */
    private static final String OURS = """
            # HELP listlines_connections_accepted_total Connections accepted.
            # TYPE listlines_connections_accepted_total counter
            listlines_connections_accepted_total{model="netty-epoll"} 11
            # TYPE listlines_connections_open gauge
            listlines_connections_open{model="netty-epoll"} 0
            listlines_sessions_total{model="netty-epoll",outcome="complete"} 3
            listlines_sessions_total{model="netty-epoll",outcome="incomplete"} 5
            listlines_session_errors_total{model="netty-epoll",reason="frame_too_long"} 1
            listlines_lines_read_total{model="netty-epoll"} 30
            """;

    /** The same counters as the official client may write them: floats, other label order, a label more, OpenMetrics. */
    private static final String OFFICIAL = """
            # HELP listlines_sessions Sessions ended, by outcome.
            # TYPE listlines_sessions counter
            listlines_sessions_total{outcome="complete",model="virtual",transport="none"} 3.0
            listlines_sessions_total{outcome="complete",model="virtual",transport="other"} 2.0 1700000000000
            listlines_sessions_created{outcome="complete",model="virtual",transport="none"} 1.7e9
            listlines_sessions_total{model="virtual",outcome="incomplete"} 5.0 # {trace_id="a b"} 1.0
            # TYPE listlines_connections_open gauge
            listlines_connections_open 0.0
            listlines_session_errors_total{reason="idle_timeout",model="virtual"} 4.0
            weird{path="a \\"quoted\\", {brace} \\\\ and\\nnewline"} +Inf
            # EOF
            """;

    @Test
    void readsTheServersExposition() {
        MetricsScrape scrape = MetricsScrape.parse(OURS);
        assertEquals(OptionalDouble.of(11), scrape.value("listlines_connections_accepted_total", Map.of()));
        assertEquals(OptionalDouble.of(3), scrape.value("listlines_sessions_total", Map.of("outcome", "complete")));
        assertEquals(
                OptionalDouble.of(1),
                scrape.value("listlines_session_errors_total", Map.of("reason", "frame_too_long")));
        assertEquals(Map.of("complete", 3.0, "incomplete", 5.0), scrape.byLabel("listlines_sessions_total", "outcome"));
        assertEquals(Optional.of("counter"), scrape.type("listlines_connections_accepted_total"));
        assertEquals(Optional.of("gauge"), scrape.type("listlines_connections_open"));
        assertEquals(
                "netty-epoll",
                scrape.series("listlines_lines_read_total", Map.of())
                        .getFirst()
                        .labels()
                        .get("model"));
        assertEquals(6, scrape.samples().size());
    }

    @Test
    void readsTheOfficialClientsExposition() {
        MetricsScrape scrape = MetricsScrape.parse(OFFICIAL);
        assertEquals(
                OptionalDouble.of(5),
                scrape.value("listlines_sessions_total", Map.of("outcome", "complete")),
                "summed over the label not asked about");
        assertEquals(
                OptionalDouble.of(3),
                scrape.value("listlines_sessions_total", Map.of("outcome", "complete", "transport", "none")));
        assertEquals(
                OptionalDouble.of(5),
                scrape.value("listlines_sessions_total", Map.of("model", "virtual", "outcome", "incomplete")));
        assertEquals(OptionalDouble.of(0), scrape.value("listlines_connections_open", Map.of()));
        assertEquals(Map.of("idle_timeout", 4.0), scrape.byLabel("listlines_session_errors_total", "reason"));
        assertEquals(Optional.of("counter"), scrape.type("listlines_sessions_total"));
        assertEquals(
                "a \"quoted\", {brace} \\ and\nnewline",
                scrape.series("weird", Map.of()).getFirst().labels().get("path"));
        assertEquals(Double.POSITIVE_INFINITY, scrape.value("weird", Map.of()).orElseThrow());
    }

    @Test
    void aSeriesThatIsNotServedIsEmpty() {
        MetricsScrape scrape = MetricsScrape.parse(OURS);
        assertEquals(OptionalDouble.empty(), scrape.value("listlines_sessions_cut_total", Map.of()));
        assertEquals(OptionalDouble.empty(), scrape.value("listlines_sessions_total", Map.of("outcome", "error")));
        assertTrue(scrape.byLabel("listlines_session_errors_total", "outcome").isEmpty());
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MetricsScrape.parse("a 1\nNot found: the counters are at /metrics\n"));
        assertTrue(e.getMessage().startsWith("line 2 is not a sample"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetricsScrape.parse("a{b=\"c} 1"));
        assertThrows(IllegalArgumentException.class, () -> MetricsScrape.parse("a{b=\"c\"}"));
    }
}
