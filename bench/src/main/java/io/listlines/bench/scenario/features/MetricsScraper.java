package io.listlines.bench.scenario.features;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a server's {@code /metrics} once a second while a burst runs, as a Prometheus would (whose own
 * default is once a minute, 15 s a common setting: once a second prices the scrape at its dearest), on a
 * daemon thread of the bench, counting what answered.
 */
final class MetricsScraper implements AutoCloseable {
    private static final Pattern METRICS_LINE = Pattern.compile("Metrics on http://[^ ]*:(\\d+)/metrics");
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private MetricsScraper(int port) {
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(2))
                .build();
        thread =
                Thread.ofPlatform().daemon(true).name("metrics-scraper-" + port).unstarted(this::scrape);
    }

    /** Starts fetching from {@code port}. */
    static MetricsScraper start(int port) {
        MetricsScraper scraper = new MetricsScraper(port);
        scraper.thread.start();
        return scraper;
    }

    /**
     * The metrics port a server started with {@code --metrics-port 0} logged ({@code Metrics on
     * http://HOST:PORT/metrics}, just after {@code Listening}), waiting for it a few seconds.
     *
     * @throws IOException if the line does not appear
     */
    static int port(Path serverLog) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Matcher m = METRICS_LINE.matcher(Files.readString(serverLog, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server logged no 'Metrics on' line within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the metrics port");
            }
        }
    }

    private void scrape() {
        while (!stopped) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                (response.statusCode() == 200 ? answered : failed).incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Fetches that answered 200. */
    long answered() {
        return answered.get();
    }

    /** Fetches that did not (an error status, no answer). */
    long failed() {
        return failed.get();
    }

    /** Stops fetching and waits for the fetch in progress, if any. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
