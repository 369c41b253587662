package io.listlines.core;

import io.listlines.runtime.CommandFailure;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a server's {@link ServerStats} for every model alike: a summary line every
 * {@code --stats-interval} seconds and at shutdown, and, with {@code --metrics-port}, its
 * {@link ServerMetrics} over HTTP at {@code /metrics}, served by the Prometheus client's own
 * exporter (the JDK's HTTP server, on daemon threads).
 */
public final class ServerMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMonitor.class);
    private static final byte[] NOT_FOUND = "Not found: the metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);

    private final ServerStats stats;
    private final ScheduledExecutorService ticker;
    private final HTTPServer http;

    private ServerMonitor(ServerStats stats, ScheduledExecutorService ticker, HTTPServer http) {
        this.stats = stats;
        this.ticker = ticker;
        this.http = http;
    }

    /**
     * Starts the summary lines and the metrics endpoint the config asks for.
     *
     * @param metrics what {@code --metrics-port} serves; null without it
     * @throws CommandFailure if the metrics port cannot be bound
     */
    static ServerMonitor start(ServerConfig config, ServerStats stats, ServerMetrics metrics) {
        ScheduledExecutorService ticker = null;
        if (config.statsIntervalSeconds() > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon(true).name("stats").unstarted(r));
            ticker.scheduleAtFixedRate(
                    () -> LOG.info("Stats: {}", stats.summary()),
                    config.statsIntervalSeconds(),
                    config.statsIntervalSeconds(),
                    TimeUnit.SECONDS);
        }
        if (metrics == null) {
            return new ServerMonitor(stats, ticker, null);
        }
        try {
            HTTPServer http = HTTPServer.builder()
                    .hostname(config.host())
                    .port(config.metricsPort())
                    .registry(metrics.registry())
                    .defaultHandler(exchange -> {
                        // Not the exporter's HTML landing page: any path but /metrics (and /-/healthy) is a 404.
                        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                        exchange.sendResponseHeaders(404, NOT_FOUND.length);
                        try (OutputStream body = exchange.getResponseBody()) {
                            body.write(NOT_FOUND);
                        }
                    })
                    .buildAndStart();
            LOG.info("Metrics on http://{}:{}/metrics", config.host(), http.getPort());
            return new ServerMonitor(stats, ticker, http);
        } catch (IOException | RuntimeException e) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            throw CommandFailure.failed(
                    "Cannot serve metrics on " + config.host() + ":" + config.metricsPort() + ": " + e.getMessage());
        }
    }

    /** The bound metrics port, or -1 without one. */
    public int metricsPort() {
        return http == null ? -1 : http.getPort();
    }

    /** Stops the endpoint and logs the final summary. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        LOG.info("Stats: {}", stats.summary());
    }
}
