package io.listlines.client;

import io.listlines.report.Outcome;
import io.listlines.runtime.MetricsHttpServer;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code load --metrics-port}: the generator's own Prometheus endpoint while it runs, so a fleet of
 * generators is summed live ({@code sum by (le) (rate(listlines_generator_session_duration_seconds_bucket[1m]))}).
 * Sessions by outcome, connections open, and connect and session latency of completed sessions as
 * classic-bucket histograms (what adds across generators). Live, so warm-up sessions count too,
 * as they happen; the report's figures leave them out.
 */
final class LoadMetrics implements AutoCloseable {
    /** Latencies from a loopback connect (~100 µs) to a session held to a long idle timeout (60 s). */
    static final double[] SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60,
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<Outcome, CounterDataPoint> sessions = new EnumMap<>(Outcome.class);
    private final Histogram connectSeconds;
    private final Histogram sessionSeconds;
    private MetricsHttpServer http;

    LoadMetrics() {
        Counter sessionsTotal = Counter.builder()
                .name("listlines_generator_sessions_total")
                .help("Sessions the load generator ended, by outcome: complete or the cause of the failure "
                        + "(refused, reset, timeout, protocol_error, closed_early, tls, other).")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            sessions.put(outcome, sessionsTotal.labelValues(outcome.key()));
        }
        // Classic buckets only, as the server's: they add across a fleet, and show in a text scrape.
        connectSeconds = Histogram.builder()
                .name("listlines_generator_connect_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Completed sessions' time from their (scheduled) start to the TCP connection established.")
                .classicOnly()
                .classicUpperBounds(SECONDS)
                .withoutExemplars()
                .register(registry);
        sessionSeconds = Histogram.builder()
                .name("listlines_generator_session_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Completed sessions' time from their (scheduled) start to the server's close.")
                .classicOnly()
                .classicUpperBounds(SECONDS)
                .withoutExemplars()
                .register(registry);
    }

    /**
     * Serves the metrics on every interface, as the server's {@code --metrics-port} does by default;
     * null for port 0 (off).
     */
    static LoadMetrics serve(int port) {
        if (port == 0) {
            return null;
        }
        LoadMetrics metrics = new LoadMetrics();
        metrics.http = MetricsHttpServer.start("0.0.0.0", port, metrics.registry, exchange -> {
            byte[] body = "Not found: the metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the scraper went away
            }
        });
        System.err.println("Metrics on http://0.0.0.0:" + metrics.http.port() + "/metrics");
        return metrics;
    }

    /** The generator's count of open connections, read at scrape time. */
    void connectionsOpen(LongSupplier open) {
        GaugeWithCallback.builder()
                .name("listlines_generator_connections_open")
                .help("Connections the load generator holds open now.")
                .callback(cb -> cb.call(open.getAsLong()))
                .register(registry);
    }

    /** Counts one ended session; on its event loop, so cheap. */
    void ended(SessionResult result) {
        sessions.get(result.outcome()).inc();
        if (result.isComplete()) {
            connectSeconds.observe((result.connected() - result.start()) / 1e9);
            sessionSeconds.observe((result.end() - result.start()) / 1e9);
        }
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }
}
