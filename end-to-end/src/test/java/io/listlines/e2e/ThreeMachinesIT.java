package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import io.listlines.testing.TestTier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three machines on this one, end to end: a server host and two generator hosts, each a network namespace with an
 * address of its own on a bridge, and a fourth for Prometheus, all inside a network and mount namespace the test
 * makes ({@code three-hosts.sh}), so the machine's interfaces are not touched and nothing outlives the test.
 * {@code bin/netty-server} runs on the server host; {@code bin/netty-client load} on each generator host, bound to
 * its address, both with one {@code --start-at}; a real Prometheus scrapes all three every second. Then:
 *
 * <ul>
 *   <li>neither generator began before {@code --start-at};
 *   <li>{@code netty-client merge} of the two reports is exactly their sum: every count and failure cause, and every
 *       percentile that of the two histograms added here with HdrHistogram's own API;
 *   <li>Prometheus, summing the generators' classic buckets, counts exactly the merged report's completed sessions
 *       (each generator its own, and the server the same), and its fleet-wide session p99 lies in the bucket of the
 *       merged report's p99 or the one beside it (why not always the same bucket: {@link #assertWithinOneBucket}).
 * </ul>
 *
 * Needs root, unshare and nsenter (util-linux), ip (iproute2), prometheus and promtool (Debian's prometheus) and the
 * programs' jars (mvn package); about 30 s. In the slow tier.
 */
@Tag(TestTier.SLOW)
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class ThreeMachinesIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** The hosts' addresses, as three-hosts.sh gives them. */
    private static final String SERVER = "10.27.0.1";

    private static final String GENERATOR_A = "10.27.0.11";
    private static final String GENERATOR_B = "10.27.0.12";
    private static final String PROMETHEUS = "10.27.0.2";

    /** The launchers' ports (docs/client.md, deploy/prometheus): the server's, its metrics', a generator's metrics'. */
    private static final int PORT = 2727;

    private static final int SERVER_METRICS = 9727;
    private static final int GENERATOR_METRICS = 9728;

    /** Long enough for Prometheus, scraping each second, to take the generators' final values. */
    private static final int LINGER_SECONDS = 10;

    /** How far ahead the one {@code --start-at} is: time for two JVMs to start on a busy machine. */
    private static final Duration START_AHEAD = Duration.ofSeconds(8);

    private static final String SESSION_BUCKETS = "listlines_generator_session_duration_seconds_bucket";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String promtool;
    private Hosts hosts;

    @Test
    void twoGeneratorsMergeExactlyAndPrometheusSeesTheSameFleet() throws Exception {
        long t0 = System.nanoTime();
        TestTier.requirePrerequisite(
                "root".equals(System.getProperty("user.name")),
                "ThreeMachinesIT needs root to make network namespaces");
        String unshare = ChildProcess.requireProgram("unshare", "ThreeMachinesIT needs unshare (util-linux)");
        String nsenter = ChildProcess.requireProgram("nsenter", "ThreeMachinesIT needs nsenter (util-linux)");
        String ip = ChildProcess.requireProgram("ip", "ThreeMachinesIT needs ip (apt-get install iproute2)");
        String prometheus = ChildProcess.requireProgram(
                "prometheus", "ThreeMachinesIT needs prometheus (apt-get install prometheus)");
        promtool =
                ChildProcess.requireProgram("promtool", "ThreeMachinesIT needs promtool (apt-get install prometheus)");
        for (String jar : List.of("netty-server/target/netty-server.jar", "netty-client/target/netty-client.jar")) {
            TestTier.requirePrerequisite(Files.isRegularFile(ROOT.resolve(jar)), jar + " is not built (mvn package)");
        }
        Files.writeString(dir.resolve("prometheus.yml"), prometheusConfig());

        try (Hosts started = Hosts.start(unshare, nsenter, ip, dir)) {
            hosts = started;
            fleet(t0, prometheus);
        }
    }

    /** The server, Prometheus and the two generators on their hosts, and what they measured, checked. */
    private void fleet(long t0, String prometheus) throws Exception {
        try (ChildProcess server = hosts.run(
                        "server",
                        launcher("netty-server"),
                        "--host",
                        SERVER,
                        "--port",
                        String.valueOf(PORT),
                        "--metrics-port",
                        String.valueOf(SERVER_METRICS),
                        "--stats-interval",
                        "0");
                ChildProcess scraper = hosts.run(
                        "prometheus",
                        prometheus,
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=" + PROMETHEUS + ":9090")) {
            server.await("Listening on ");
            scraper.await("Server is ready to receive web requests");
            long ready = System.nanoTime();

            Instant startAt = Instant.now().plus(START_AHEAD).truncatedTo(ChronoUnit.MILLIS);
            try (ChildProcess generatorA = hosts.run("generator-a", load(GENERATOR_A, "a.json", startAt));
                    ChildProcess generatorB = hosts.run("generator-b", load(GENERATOR_B, "b.json", startAt))) {
                // bounded generously: on a busy machine the JVMs start slowly, and the open loop falls behind
                for (ChildProcess generator : List.of(generatorA, generatorB)) {
                    generator.await("Metrics on ", Duration.ofSeconds(30));
                }
                for (ChildProcess generator : List.of(generatorA, generatorB)) {
                    generator.await("Metrics stay up", Duration.ofSeconds(60));
                }
                // both runs are over and their reports written: every value scraped from now on is final
                Instant lingering = Instant.now();
                long ran = System.nanoTime();

                LoadReport a = LoadReport.read(dir.resolve("a.json"));
                LoadReport b = LoadReport.read(dir.resolve("b.json"));
                for (LoadReport report : List.of(a, b)) {
                    assertFalse(
                            Instant.parse(report.startedAt()).isBefore(startAt),
                            "nothing connected before --start-at " + startAt + ": " + report.startedAt());
                    assertTrue(report.completed() > 0, "the generator ran: " + report.toText());
                }
                LoadReport merged = merge();
                assertMergedIsTheSum(a, b, merged);

                Instant evaluatedAt = awaitScrapesAfter(lingering);
                Map<String, Double> completedByGenerator = byLabel(
                        "instance",
                        "sum by (instance) (listlines_generator_sessions_total{outcome=\"complete\"})",
                        evaluatedAt);
                assertEquals(
                        Map.of(
                                GENERATOR_A + ":" + GENERATOR_METRICS,
                                (double) a.completed(),
                                GENERATOR_B + ":" + GENERATOR_METRICS,
                                (double) b.completed()),
                        completedByGenerator,
                        "each generator's completed sessions, as Prometheus scraped them");
                assertEquals(
                        (double) merged.completed(),
                        scalar("sum(listlines_generator_session_duration_seconds_count)", evaluatedAt),
                        "the fleet's session count in Prometheus is the merged report's completed");
                Map<String, Double> byOutcome =
                        byLabel("outcome", "sum by (outcome) (listlines_generator_sessions_total)", evaluatedAt);
                for (Outcome cause : merged.failures().keySet()) {
                    assertEquals(
                            (double) merged.failures().get(cause),
                            byOutcome.get(cause.key()),
                            cause.key() + " failures, in Prometheus and in the merged report");
                }
                assertEquals(
                        (double) merged.completed(),
                        awaitServerCount(merged.completed()),
                        "the server counted the sessions the fleet completed");

                double prometheusP99 =
                        scalar("histogram_quantile(0.99, sum by (le) (" + SESSION_BUCKETS + "))", evaluatedAt);
                List<Double> bounds =
                        byLabel("le", "sum by (le) (" + SESSION_BUCKETS + ")", evaluatedAt).keySet().stream()
                                .map(le -> le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le))
                                .sorted()
                                .toList();
                double mergedP99 =
                        merged.latencyMillis().get(LoadReport.SESSION).p99() / 1000;
                String agreement = assertWithinOneBucket(mergedP99, prometheusP99, bounds);

                for (ChildProcess generator : List.of(generatorA, generatorB)) {
                    String output = generator.outputSoFar();
                    assertFalse(output.contains("starting now"), "the generator started on time: " + output);
                    assertEquals(
                            0,
                            generator.exitStatus(),
                            "the generator ends by itself after its linger: " + generator.outputSoFar());
                }
                System.out.printf(
                        Locale.ROOT,
                        "[three machines] completed %d + %d = %d (session p50 %.3f ms, max %.3f ms), Prometheus"
                                + " counted %d; %s; hosts, server and Prometheus up in %.1f s, the runs (from"
                                + " --start-at %.1f s ahead) over %.1f s later, all checked %.1f s after the start%n",
                        a.completed(),
                        b.completed(),
                        merged.completed(),
                        merged.latencyMillis().get(LoadReport.SESSION).p50(),
                        merged.latencyMillis().get(LoadReport.SESSION).max(),
                        Math.round(scalar("sum(listlines_generator_session_duration_seconds_count)", evaluatedAt)),
                        agreement,
                        (ready - t0) / 1e9,
                        (double) START_AHEAD.toMillis() / 1000,
                        (ran - ready) / 1e9,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** {@code netty-client merge --json merged.json a.json b.json}, on the server host (any host would do). */
    private LoadReport merge() throws Exception {
        ChildProcess.Finished merge = ChildProcess.run(
                hosts.command(
                        "server",
                        launcher("netty-client"),
                        "merge",
                        "--json",
                        dir.resolve("merged.json").toString(),
                        dir.resolve("a.json").toString(),
                        dir.resolve("b.json").toString()),
                Duration.ofSeconds(30));
        assertEquals(0, merge.status(), merge.output());
        return LoadReport.read(dir.resolve("merged.json"));
    }

    /**
     * The merged report is the two reports' sum: counts and failures by cause added, and each latency's histogram
     * the two decoded and added here with HdrHistogram's own API, every percentile read from that sum.
     */
    private static void assertMergedIsTheSum(LoadReport a, LoadReport b, LoadReport merged) throws Exception {
        assertEquals(a.started() + b.started(), merged.started(), "started");
        assertEquals(a.completed() + b.completed(), merged.completed(), "completed");
        assertEquals(a.failed() + b.failed(), merged.failed(), "failed");
        for (Outcome cause : Outcome.values()) {
            long sum = a.failures().getOrDefault(cause, 0L) + b.failures().getOrDefault(cause, 0L);
            assertEquals(sum, merged.failures().getOrDefault(cause, 0L), cause.key() + " failures");
        }
        assertEquals(a.histograms().keySet(), merged.histograms().keySet());
        for (String latency : a.latencyMillis().keySet()) {
            Histogram sum = new Histogram(3); // auto-resizing: the sum may reach past either run's range
            sum.add(decode(a.histograms().get(latency)));
            sum.add(decode(b.histograms().get(latency)));
            assertEquals(sum, decode(merged.histograms().get(latency)), latency + ": the merged histogram");
            LoadReport.Latency reported = merged.latencyMillis().get(latency);
            assertEquals(sum.getTotalCount(), reported.count(), latency + " count");
            assertEquals(millis(sum.getValueAtPercentile(50)), reported.p50(), latency + " p50");
            assertEquals(millis(sum.getValueAtPercentile(90)), reported.p90(), latency + " p90");
            assertEquals(millis(sum.getValueAtPercentile(99)), reported.p99(), latency + " p99");
            assertEquals(millis(sum.getValueAtPercentile(99.9)), reported.p999(), latency + " p99.9");
            assertEquals(millis(sum.getMaxValue()), reported.max(), latency + " max");
        }
        assertEquals(
                a.completed() + b.completed(),
                merged.latencyMillis().get(LoadReport.SESSION).count());
    }

    /** A report's histogram: HdrHistogram's compressed encoding, in base64, of microseconds. */
    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /**
     * Prometheus's quantile and the merged report's p99 name the same session, the one at rank 0.99 × N of the same
     * N sessions: histogram_quantile finds the first bucket whose cumulative count reaches 0.99 × N and interpolates
     * inside it, HdrHistogram returns that session's value. So the merged p99 lies in the bucket (lower, upper] that
     * Prometheus's quantile falls in, but for rounding at a bound: the report records whole microseconds (truncated
     * from nanoseconds) and reads a percentile as the highest value its 3 significant digits cannot tell apart (up
     * to 0.1% above), while the generator observes nanoseconds into Prometheus's buckets; a session of 10,000.4
     * µs is 10 ms in the report and above Prometheus's 0.01 s bound. Agreeing "within one bucket" is therefore: the
     * merged p99 lies in Prometheus's bucket or in the one next to it, below or above. Returns what was seen, in
     * words.
     */
    private static String assertWithinOneBucket(double mergedSeconds, double prometheusSeconds, List<Double> bounds) {
        int bucket = 0;
        while (bucket < bounds.size() - 1 && prometheusSeconds > bounds.get(bucket)) {
            bucket++;
        }
        double lower = bucket == 0 ? 0 : bounds.get(bucket - 1);
        double upper = bounds.get(bucket);
        double lowest = bucket <= 1 ? 0 : bounds.get(bucket - 2);
        double highest = bucket + 1 < bounds.size() ? bounds.get(bucket + 1) : Double.POSITIVE_INFINITY;
        boolean same = mergedSeconds > lower && mergedSeconds <= upper;
        String seen = String.format(
                Locale.ROOT,
                "merged session p99 %.3f ms, Prometheus's %.3f ms in the bucket (%s, %s] s (%s)",
                mergedSeconds * 1000,
                prometheusSeconds * 1000,
                lower,
                upper,
                same ? "the same bucket" : "the merged p99 in the next bucket");
        assertTrue(mergedSeconds > lowest && mergedSeconds <= highest, "within one bucket: " + seen);
        return seen;
    }

    /**
     * Waits (at most 20 s) until Prometheus has scraped all three hosts after {@code after}, and returns that
     * instant, to evaluate every query at: the values it sees are the final ones, whatever happens to the
     * generators' endpoints later.
     */
    private Instant awaitScrapesAfter(Instant after) throws Exception {
        String expr = String.format(Locale.ROOT, "count(timestamp(up == 1) > %.3f)", after.toEpochMilli() / 1000.0);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); ; ) {
            Instant now = Instant.now();
            JsonNode result = query(expr, now);
            if (!result.isEmpty() && result.get(0).get("value").get(1).asDouble() == 3) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, "Prometheus scraped the three hosts after the runs: " + result);
            Thread.sleep(250);
        }
    }

    /**
     * The server's complete sessions as Prometheus last scraped them, once they reach {@code expected} or after 10 s.
     * The server counts a session when its channel goes inactive, after the close that ended it for the client; in
     * one run of the full tier, on a loaded machine, the first scrape after the runs still had 1,944 of 2,000 (why
     * the server lagged so long is not known), so this waits for the count, scrape by scrape, instead of reading it
     * once, and a count that never arrives still fails.
     */
    private double awaitServerCount(long expected) throws Exception {
        String expr = "sum(listlines_sessions_total{outcome=\"complete\"})";
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); ; ) {
            double counted = scalar(expr, Instant.now());
            if (counted == expected || System.nanoTime() > deadline) {
                return counted;
            }
            Thread.sleep(250); // Prometheus has no event to wait on: its scrape interval here is 1 s
        }
    }

    private double scalar(String expr, Instant at) throws Exception {
        JsonNode result = query(expr, at);
        assertEquals(1, result.size(), expr + ": " + result);
        return result.get(0).get("value").get(1).asDouble();
    }

    /** A query's vector as its values by one label. */
    private Map<String, Double> byLabel(String label, String expr, Instant at) throws Exception {
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode sample : query(expr, at)) {
            values.put(
                    sample.get("metric").get(label).asText(),
                    sample.get("value").get(1).asDouble());
        }
        return values;
    }

    /** An instant query, evaluated at {@code at}, with promtool on Prometheus's host; its result as JSON. */
    private JsonNode query(String expr, Instant at) throws Exception {
        ChildProcess.Finished query = ChildProcess.run(
                hosts.command(
                        "prometheus",
                        promtool,
                        "query",
                        "instant",
                        "--format=json",
                        "--time=" + String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0),
                        "http://" + PROMETHEUS + ":9090",
                        expr),
                Duration.ofSeconds(20));
        assertEquals(0, query.status(), expr + ": " + query.output());
        return JSON.readTree(query.output());
    }

    /** One generator's {@code load}: open loop, 250 sessions/s for 4 s, its report kept, its metrics served. */
    private String[] load(String address, String report, Instant startAt) {
        return new String[] {
            launcher("netty-client"),
            "load",
            "--target",
            SERVER + ":" + PORT,
            "--bind",
            address,
            "--rate",
            "250",
            "--duration",
            "4",
            "--sessions",
            "0",
            "--concurrency",
            "50",
            "--start-at",
            startAt.toString(),
            "--json",
            dir.resolve(report).toString(),
            "--metrics-port",
            String.valueOf(GENERATOR_METRICS),
            "--metrics-linger",
            String.valueOf(LINGER_SECONDS),
            "--no-progress"
        };
    }

    private static String launcher(String program) {
        return ROOT.resolve("bin").resolve(program).toString();
    }

    private static String prometheusConfig() {
        return String.join(
                "\n",
                "# ThreeMachinesIT's: each host every second, the job names of deploy/prometheus",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: listlines-server",
                "    static_configs:",
                "      - targets: [\"" + SERVER + ":" + SERVER_METRICS + "\"]",
                "  - job_name: listlines-generator",
                "    static_configs:",
                "      - targets: [\"" + GENERATOR_A + ":" + GENERATOR_METRICS + "\", \"" + GENERATOR_B + ":"
                        + GENERATOR_METRICS + "\"]",
                "");
    }

    /**
     * The hosts of three-hosts.sh, up until closed: a program runs on one with {@code nsenter} into the script's
     * namespaces and {@code ip netns exec HOST}, both of which exec, so its process is the program's own.
     */
    private static final class Hosts implements AutoCloseable {
        private final ChildProcess script;
        private final List<String> enter;
        private final Path dir;

        private Hosts(ChildProcess script, List<String> enter, Path dir) {
            this.script = script;
            this.enter = enter;
            this.dir = dir;
        }

        static Hosts start(String unshare, String nsenter, String ip, Path dir) throws Exception {
            Path script = dir.resolve("three-hosts.sh");
            try (InputStream in = ThreeMachinesIT.class.getResourceAsStream("/fleet/three-hosts.sh")) {
                Files.copy(in, script);
            }
            // It ends by itself after 100 s, the test's whole budget, if nothing closes its input first.
            ChildProcess child =
                    ChildProcess.start(List.of(unshare, "--net", "--mount", "bash", script.toString(), "100"));
            String first = child.await(line -> true, "from three-hosts.sh");
            if (!first.startsWith("hosts up ")) {
                String output = child.outputSoFar();
                child.close();
                TestTier.requirePrerequisite(
                        !output.contains("Operation not permitted") && !output.contains("unshare failed"),
                        "cannot make network namespaces here: " + first);
                throw new AssertionError("three-hosts.sh failed: " + output);
            }
            String pid = first.substring("hosts up ".length()).strip();
            return new Hosts(
                    child,
                    List.of(nsenter, "--target", pid, "--net", "--mount", "--wd=" + dir, ip, "netns", "exec"),
                    dir);
        }

        /** Starts {@code command} on {@code host}; the launchers find the test's JVM, with no class-data cache. */
        ChildProcess run(String host, String... command) throws IOException {
            return ChildProcess.start(command(host, command));
        }

        ProcessBuilder command(String host, String... command) {
            List<String> all = new ArrayList<>(enter);
            all.add(host);
            all.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(all).directory(dir.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // several JVMs start at once: none records a class-data cache meanwhile
            builder.environment().put("LISTLINES_AOT", "off");
            return builder;
        }

        /**
         * Closes the script's input, so it kills what is left on the hosts and exits (the namespaces go with it);
         * kills it if it has not within 10 s.
         */
        @Override
        public void close() throws IOException, InterruptedException {
            try {
                script.process().getOutputStream().close();
                script.process().waitFor(10, TimeUnit.SECONDS);
            } finally {
                script.close();
            }
        }
    }
}
