package io.listlines.runtime;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@code --metrics-port}: a registry served at {@code /metrics} by the Prometheus client's
 * {@code MetricsHandler} in its text formats ({@link TextScrapeExchange}), on the JDK's HTTP server
 * and daemon threads, and every other path answered by the caller's handler. The server's monitor
 * and the load generator both serve theirs this way.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService threads;

    private MetricsHttpServer(HttpServer http, ExecutorService threads) {
        this.http = http;
        this.threads = threads;
    }

    /**
     * Serves {@code registry} on {@code host:port} (port 0: any free one).
     *
     * @param otherPaths answers every path but {@code /metrics}
     * @throws CommandFailure if the port cannot be bound, in one sentence
     */
    public static MetricsHttpServer start(String host, int port, PrometheusRegistry registry, HttpHandler otherPaths) {
        // A scrape is rare and short: up to 4 at once, on daemon threads that end when idle; past
        // that the HTTP server's own thread runs it, which holds further connections back.
        ExecutorService threads = new ThreadPoolExecutor(
                0,
                4,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                r -> Thread.ofPlatform().daemon(true).name("metrics-http").unstarted(r),
                new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
            MetricsHandler scrape = new MetricsHandler(registry);
            http.createContext("/metrics", exchange -> scrape.handle(new TextScrapeExchange(exchange)));
            http.createContext("/", otherPaths);
            http.setExecutor(threads);
            http.start();
            return new MetricsHttpServer(http, threads);
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw CommandFailure.failed("Cannot serve metrics on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
