package io.listlines.core;

import com.sun.net.httpserver.HttpExchange;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.MetricsHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a server's {@link ServerStats} for every model alike: a summary line every
 * {@code --stats-interval} seconds and at shutdown, and, with {@code --metrics-port}, its
 * {@link ServerMetrics} over HTTP at {@code /metrics} ({@link MetricsHttpServer}), beside
 * {@code /health} (200 while the process runs; {@code /-/healthy} too, the exporter's name for it)
 * and {@code /ready} (200 while accepting, 503 once stopping) for a load balancer.
 */
public final class ServerMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMonitor.class);
    /** An answer of the HTTP port's own paths (every one but /metrics): its status and plain-text body. */
    private record Reply(int status, byte[] body) {
        Reply(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Reply NOT_FOUND =
            new Reply(404, "Not found: the metrics are at /metrics, health at /health and /ready\n");
    private static final Reply HEALTHY = new Reply(200, "ok\n");
    private static final Reply READY = new Reply(200, "ready\n");
    private static final Reply DRAINING = new Reply(503, "not ready: stopping\n");

    private final ServerStats stats;
    private final ScheduledExecutorService ticker;
    private final MetricsHttpServer http;

    private ServerMonitor(ServerStats stats, ScheduledExecutorService ticker, MetricsHttpServer http) {
        this.stats = stats;
        this.ticker = ticker;
        this.http = http;
    }

    /**
     * Starts the summary lines and the metrics endpoint the config asks for.
     *
     * @param metrics what {@code --metrics-port} serves; null without it
     * @param ready whether {@code /ready} answers 200 (accepting) rather than 503 (stopping)
     * @throws CommandFailure if the metrics port cannot be bound
     */
    static ServerMonitor start(ServerConfig config, ServerStats stats, ServerMetrics metrics, BooleanSupplier ready) {
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
        metrics.readiness(ready);
        try {
            MetricsHttpServer http = MetricsHttpServer.start(
                    config.host(),
                    config.metricsPort(),
                    metrics.registry(),
                    // Every other path: the load balancer's two, and a 404 rather than a landing page.
                    exchange -> reply(exchange, answer(exchange.getRequestURI().getPath(), ready)));
            LOG.info("Metrics on http://{}:{}/metrics", config.host(), http.port());
            return new ServerMonitor(stats, ticker, http);
        } catch (RuntimeException e) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            throw e;
        }
    }

    private static Reply answer(String path, BooleanSupplier ready) {
        return switch (path) {
            case "/health", "/-/healthy" -> HEALTHY;
            case "/ready" -> ready.getAsBoolean() ? READY : DRAINING;
            default -> NOT_FOUND;
        };
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply.body());
        }
    }

    /** The bound metrics port, or -1 without one. */
    public int metricsPort() {
        return http == null ? -1 : http.port();
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
