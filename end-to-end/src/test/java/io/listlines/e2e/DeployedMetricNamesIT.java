package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.MetricsScrape;
import io.listlines.client.NettyClientCommand;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.RepositoryFile;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.server.NettyServerCommand;
import io.listlines.testing.Frames;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every metric the shipped rules (deploy/prometheus) and dashboard (deploy/grafana) query is one a
 * live server or a live load generator serves: a netty-server with {@code --metrics-port} after a
 * complete session, a frame too long and a refused connection, and a {@code netty-client load
 * --metrics-port} scraped while it runs. A renamed metric breaks this test, not a dashboard in the
 * field.
 */
// Slow tier: it starts a server and a generator as processes.
@Tag("slow")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeployedMetricNamesIT {
    /** A metric's name in PromQL; a recorded series' name has colons and is not matched. */
    private static final Pattern METRIC =
            Pattern.compile("(?<![\\w:])((?:listlines|jvm|process)_[a-z0-9_]+)(?![\\w:])");

    /**
     * Served only once counted, and a failed {@code accept()} (EMFILE ...) is not provoked here;
     * ServerMetrics registers it beside the rest.
     */
    private static final Set<String> ON_FIRST_COUNT = Set.of("listlines_accept_errors_total");

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsServed() throws Exception {
        Set<String> used = new TreeSet<>();
        used.addAll(metricNames("deploy/prometheus/listlines-rules.yml"));
        Set<String> dashboard = metricNames("deploy/grafana/dashboards/listlines.json");
        used.addAll(dashboard);
        assertTrue(used.contains("listlines_generator_session_duration_seconds_bucket"), used.toString());
        assertTrue(dashboard.contains("jvm_memory_used_bytes"), dashboard.toString());

        Set<String> served = new TreeSet<>();
        try (ServerProcess server = new ServerProcess(
                List.of(NettyServerCommand.class.getName()),
                "--metrics-port",
                "0",
                "--max-connections",
                "1",
                "--stats-interval",
                "0")) {
            int serverMetrics = server.metricsPort();
            served.addAll(generatorMetricsWhileItRuns(server.port()));
            noneOpen(serverMetrics); // the stopped generator's last connection would take the one slot
            try (Socket bad = server.connect()) {
                bad.getOutputStream().write(Frames.prefix(0xFFFF_FFFFL));
                drain(bad);
            }
            noneOpen(serverMetrics);
            try (Socket held = server.connect()) {
                assertTrue(held.getInputStream().read() >= 0, "the list's first byte: held has the one slot");
                try (Socket refused = server.connect()) {
                    drain(refused);
                }
            }
            served.addAll(scrape(serverMetrics).samples().stream()
                    .map(MetricsScrape.Sample::name)
                    .collect(Collectors.toSet()));
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(served);
        missing.removeAll(ON_FIRST_COUNT);
        assertEquals(Set.of(), missing, "used by deploy/ but served by neither; served: " + served);
    }

    /** The names a generator serves, scraped once it has completed a session. */
    private static Set<String> generatorMetricsWhileItRuns(int serverPort) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (ChildProcess load = ChildProcess.start(ServerProcess.javaCommand(List.of(
                NettyClientCommand.class.getName(),
                "load",
                "--target",
                "127.0.0.1:" + serverPort,
                "--sessions",
                "0",
                "--duration",
                "20",
                "--rate",
                "20",
                "--concurrency",
                "1",
                "--no-progress",
                "--metrics-port",
                String.valueOf(port))))) {
            load.await("Metrics on ");
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); ; ) {
                MetricsScrape scrape = scrape(port);
                if (scrape.value("listlines_generator_sessions_total", Map.of("outcome", "complete"))
                                .orElse(0)
                        > 0) {
                    return scrape.samples().stream()
                            .map(MetricsScrape.Sample::name)
                            .collect(Collectors.toSet());
                }
                assertTrue(System.nanoTime() < deadline, "no complete session in the generator's metrics");
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the server counts no connection open, so the next one gets its one slot. */
    private static void noneOpen(int metricsPort) throws Exception {
        while (scrape(metricsPort).value("listlines_connections_open", Map.of()).orElse(1) > 0) {
            Thread.sleep(50);
        }
    }

    private static MetricsScrape scrape(int port) throws Exception {
        return MetricsScrape.fetch(URI.create("http://127.0.0.1:" + port + "/metrics"));
    }

    private static void drain(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // until the server closes
        }
    }

    private static Set<String> metricNames(String file) throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(RepositoryFile.find(file)));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertFalse(names.isEmpty(), file + " uses no metric");
        return names;
    }
}
