package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Transport;
import io.listlines.testing.LoopbackHttp;
import io.listlines.testing.ServerConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The metrics endpoint as Prometheus scrapes it: the counters, the session histogram, the JVM's, all labelled. */
class ServerMonitorTest {

    private static ServerConfig config(Integer metricsPort) {
        return new ServerConfigBuilder()
                .backlog(16)
                .quiet(true)
                .maxConnections(2)
                .statsIntervalSeconds(0)
                .metricsPort(metricsPort)
                .build();
    }

    /**
     * The value of the one sample named {@code name} with these labels, and the model's labels
     * ({@code model="netty",threads="2",transport="nio"}) besides; the exposition sorts labels by name.
     */
    private static double sample(String body, String name, String... labels) {
        List<String> wanted = new ArrayList<>(List.of(labels));
        wanted.addAll(List.of("model=\"netty\"", "threads=\"2\"", "transport=\"nio\""));
        List<String> found = body.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> {
                    List<String> has = List.of(line.substring(name.length() + 1, line.lastIndexOf('}'))
                            .split(","));
                    return has.size() == wanted.size() && has.containsAll(wanted);
                })
                .toList();
        assertEquals(1, found.size(), name + wanted + " in\n" + body);
        return Double.parseDouble(found.get(0).substring(found.get(0).lastIndexOf(' ') + 1));
    }

    @Test
    void servesTheCountersTheHistogramAndTheJvmsMetricsWithTheModelsLabels() throws Exception {
        ServerCore core = new ServerCore(config(0), ModelLabels.netty(Transport.NIO, 2));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(core.admission().admit(peer));
            ServerSession session = core.sessions().open(peer);
            for (int line = 0; line < Protocol.LINES_PER_SESSION; line++) {
                session.line(Protocol.clientLine(line));
            }
            session.closed();
        }
        assertTrue(core.admission().admit(peer));
        assertTrue(core.admission().admit(peer));
        assertFalse(
                core.admission().admit(peer),
                "the third of three at once is over --max-connections 2: accepted and rejected");
        ServerSession tooLong = core.sessions().open(peer);
        core.sessions().open(peer); // stays open
        tooLong.failed(new FrameTooLongException(1 << 20, Protocol.DEFAULT_MAX_FRAME));
        tooLong.closed();
        core.acceptFailures().failed(new IOException("Too many open files"));
        try (ServerMonitor monitor = core.startMonitor()) {
            HttpResponse<String> response = LoopbackHttp.get(monitor.metricsPort(), "/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(
                    response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = response.body();
            assertEquals(6, sample(body, "listlines_connections_accepted_total"));
            assertEquals(1, sample(body, "listlines_connections_open"));
            assertEquals(1, sample(body, "listlines_connections_rejected_total", "reason=\"max_connections\""));
            assertEquals(1, sample(body, "listlines_accept_errors_total", "cause=\"EMFILE\""));
            assertEquals(3, sample(body, "listlines_sessions_total", "outcome=\"complete\""));
            assertEquals(0, sample(body, "listlines_sessions_total", "outcome=\"incomplete\""));
            assertEquals(1, sample(body, "listlines_sessions_total", "outcome=\"error\""));
            assertEquals(0, sample(body, "listlines_sessions_cut_total"));
            assertEquals(1, sample(body, "listlines_session_errors_total", "reason=\"frame_too_long\""));
            assertEquals(30, sample(body, "listlines_lines_read_total"));
            assertTrue(
                    body.contains(
                            "# HELP listlines_connections_accepted_total Connections accepted from the listening socket, "
                                    + "those then refused over --max-connections included.\n"),
                    body);

            assertTrue(body.contains("# TYPE listlines_session_duration_seconds histogram\n"), body);
            assertEquals(3, sample(body, "listlines_session_duration_seconds_count", "outcome=\"complete\""));
            assertEquals(1, sample(body, "listlines_session_duration_seconds_count", "outcome=\"error\""));
            assertEquals(0, sample(body, "listlines_session_duration_seconds_count", "outcome=\"incomplete\""));

            assertTrue(sample(body, "jvm_memory_used_bytes", "area=\"heap\"") > 0);
            assertTrue(sample(body, "jvm_threads_current") > 0);
            assertTrue(sample(body, "process_cpu_seconds_total") > 0);

            assertEquals(404, LoopbackHttp.get(monitor.metricsPort(), "/").statusCode());
        }
    }

    @Test
    void readinessIsASeriesToo() throws Exception {
        ServerStats stats = new ServerStats();
        ServerMetrics metrics = new ServerMetrics(stats, ModelLabels.netty(Transport.NIO, 2));
        AtomicBoolean ready = new AtomicBoolean(true);
        try (ServerMonitor monitor = ServerMonitor.start(config(0), stats, metrics, ready::get)) {
            assertEquals(
                    1,
                    sample(LoopbackHttp.get(monitor.metricsPort(), "/metrics").body(), "listlines_ready"));
            ready.set(false);
            assertEquals(
                    0,
                    sample(LoopbackHttp.get(monitor.metricsPort(), "/metrics").body(), "listlines_ready"));
        }
    }

    @Test
    void sessionDurationsFallInTheirBuckets() throws Exception {
        ServerStats stats = new ServerStats();
        ServerMetrics metrics = new ServerMetrics(stats, ModelLabels.netty(Transport.NIO, 2));
        metrics.sessionEnded(ServerSession.Outcome.COMPLETE, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.sessionEnded(ServerSession.Outcome.COMPLETE, TimeUnit.MILLISECONDS.toNanos(40));
        metrics.sessionEnded(ServerSession.Outcome.ERROR, TimeUnit.SECONDS.toNanos(30));
        try (ServerMonitor monitor = ServerMonitor.start(config(0), stats, metrics, () -> true)) {
            String body = LoopbackHttp.get(monitor.metricsPort(), "/metrics").body();
            String histogram = "listlines_session_duration_seconds_bucket";
            assertEquals(0, sample(body, histogram, "outcome=\"complete\"", "le=\"0.0025\""));
            assertEquals(1, sample(body, histogram, "outcome=\"complete\"", "le=\"0.005\""));
            assertEquals(2, sample(body, histogram, "outcome=\"complete\"", "le=\"0.05\""));
            assertEquals(2, sample(body, histogram, "outcome=\"complete\"", "le=\"+Inf\""));
            assertEquals(0.043, sample(body, "listlines_session_duration_seconds_sum", "outcome=\"complete\""), 1e-9);
            assertEquals(0, sample(body, histogram, "outcome=\"error\"", "le=\"15.0\""));
            assertEquals(1, sample(body, histogram, "outcome=\"error\"", "le=\"30.0\""));
            assertEquals(0, sample(body, "listlines_session_duration_seconds_count", "outcome=\"incomplete\""));
        }
    }

    @Test
    void aScrapeThatAsksForProtobufFirstGetsATextFormatItAlsoLists() throws Exception {
        // The Accept header of a Prometheus that scrapes native histograms: protobuf first, text after it.
        String prometheus = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.1";
        ServerCore core = new ServerCore(config(0), ModelLabels.named("virtual"));
        try (ServerMonitor monitor = core.startMonitor()) {
            HttpResponse<String> response = LoopbackHttp.get(monitor.metricsPort(), "/metrics", prometheus);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(
                    response.headers().firstValue("content-type").orElse("").startsWith("application/openmetrics-text"),
                    response.headers().toString());
            assertTrue(response.body().contains("listlines_connections_accepted_total"), response.body());
            assertTrue(response.body().endsWith("# EOF\n"), "a whole OpenMetrics exposition");

            HttpResponse<String> protobufOnly = LoopbackHttp.get(
                    monitor.metricsPort(),
                    "/metrics",
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
            assertEquals(200, protobufOnly.statusCode(), protobufOnly.body());
            assertTrue(
                    protobufOnly.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        }
    }

    @Test
    void healthIsUpWhileTheProcessRunsAndReadyUntilTheServerDrains() throws Exception {
        ServerCore core = new ServerCore(config(0), ModelLabels.named("virtual"));
        try (ServerMonitor monitor = core.startMonitor()) {
            int port = monitor.metricsPort();
            assertEquals(200, LoopbackHttp.get(port, "/health").statusCode());
            assertEquals(200, LoopbackHttp.get(port, "/-/healthy").statusCode(), "the exporter's name for it");
            HttpResponse<String> ready = LoopbackHttp.get(port, "/ready");
            assertEquals(200, ready.statusCode());
            assertEquals("ready\n", ready.body());
            core.drain();
            HttpResponse<String> draining = LoopbackHttp.get(port, "/ready");
            assertEquals(503, draining.statusCode(), "a load balancer takes a stopping server out of rotation");
            assertEquals("not ready: stopping\n", draining.body());
            assertEquals(200, LoopbackHttp.get(port, "/health").statusCode(), "still alive while it drains");
            assertEquals(404, LoopbackHttp.get(port, "/readyz").statusCode());
        }
    }

    @Test
    void labelsOnlyWhatTheModelHas() {
        assertEquals(
                "{model=\"pool\",threads=\"64\"}",
                ServerMetrics.labels(ModelLabels.pool(64)).toString());
        assertEquals(
                "{model=\"virtual\"}",
                ServerMetrics.labels(ModelLabels.named("virtual")).toString());
        assertEquals("pool, 64 threads", ModelLabels.pool(64).describe());
    }

    @Test
    void withoutAPortThereIsNoEndpoint() {
        try (ServerMonitor monitor = new ServerCore(config(null), ModelLabels.named("virtual")).startMonitor()) {
            assertEquals(-1, monitor.metricsPort());
        }
    }

    @Test
    void aTakenPortIsOneSentenceAndAFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CommandFailure failure = assertThrows(
                    CommandFailure.class,
                    () -> new ServerCore(config(taken.getLocalPort()), ModelLabels.named("virtual")).startMonitor());
            assertEquals(CommandFailure.FAILED, failure.status());
            assertTrue(
                    failure.getMessage().startsWith("Cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    failure.getMessage());
        }
    }
}
