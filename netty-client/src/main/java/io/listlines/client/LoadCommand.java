package io.listlines.client;

import io.listlines.process.OpenFileLimit;
import io.listlines.protocol.Protocol;
import io.listlines.report.LoadReport;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Flags;
import io.listlines.runtime.NettyProgramVersion;
import io.listlines.runtime.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netty-client load}: the load generator. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Drives many list-lines sessions at once from one process, checks every one of them (the list must decode, the server must close after ten lines) and reports completed and failed sessions by cause, the peak of open connections, sessions/s and latency percentiles (connect, first frame, whole session).",
            "Closed loop by default: a new session starts as soon as one ends, --concurrency at a time. With --rate it is an open loop: sessions start on schedule whether or not earlier ones finished, and latency counts from each session's scheduled start. With --hold it keeps --concurrency slow sessions (--think ms before each line) in flight until --duration ends.",
            "A connection is an open file: the concurrency must fit this process's open-file limit (ulimit -n). One source and one target address give about 28,000 ephemeral ports; --bind with more loopback addresses (127.0.0.2, 127.0.0.3 ...) goes past that.",
            "Exits 0 when every session completed, 1 when any failed (one sentence on standard error, the causes in the report) or none completed, 2 on a bad command line or a limit that cannot be met.",
            ""
        })
public final class LoadCommand implements Callable<Integer> {
    @Option(
            names = "--target",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:" + Protocol.DEFAULT_PORT,
            description = "Server to load; repeat for several, used round-robin (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Source address to connect from; repeat for several, used round-robin (e.g. 127.0.0.2).")
    List<String> binds = new ArrayList<>();

    @Option(
            names = "--sessions",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Sessions to run in all; 0 for as many as --duration allows (default: ${DEFAULT-VALUE}).")
    long sessions;

    @Option(
            names = {"-c", "--concurrency"},
            defaultValue = "100",
            paramLabel = "C",
            description = "Sessions in flight at once, at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "R",
            description =
                    "New sessions per second, on schedule (open loop); 0 for as fast as slots free up (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--think",
            paramLabel = "MS",
            description =
                    "Pause before each line: 0 sends all ten at once; 1000 makes a slow client whose session lasts about ten seconds (default: 0, or 1000 with --hold).")
    Integer thinkMillis;

    @Option(
            names = "--duration",
            defaultValue = "0",
            paramLabel = "S",
            description =
                    "Stop starting sessions after S seconds; 0 for no limit but --sessions (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(
            names = "--hold",
            description =
                    "Keep --concurrency connections in session (with think time) until --duration ends; needs --duration.")
    boolean hold;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            paramLabel = "S",
            description =
                    "Run S seconds of sessions first, not counted (so both JVMs are warmed up), then --sessions counted ones (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report to FILE as JSON.")
    Path json;

    // A fleet's options: exact merges (netty-client merge), logs over time, one start for many machines.
    @Option(
            names = "--histogram-log",
            paramLabel = "FILE",
            description =
                    "Also write an HdrHistogram interval log to FILE: each latency's values of each second, tagged connect, handshake, firstFrame, session.")
    Path histogramLog;

    @Option(
            names = "--start-at",
            paramLabel = "INSTANT",
            description =
                    "Connect nothing before INSTANT (ISO-8601 such as 2026-12-07T15:00:00Z, or epoch milliseconds), so generators on many machines begin together; a past instant starts at once, with a note on standard error.")
    String startAt;

    @Option(
            names = "--metrics-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description =
                    "Serve the generator's metrics for Prometheus at http://0.0.0.0:PORT/metrics while it runs: sessions by outcome, connections open, connect and session latency histograms (default: 0, off).")
    int metricsPort;

    @Option(
            names = "--metrics-linger",
            defaultValue = "0",
            paramLabel = "S",
            description =
                    "With --metrics-port: keep serving the final values for S seconds after the run (report written), so that Prometheus scrapes the last of them before the generator exits (default: ${DEFAULT-VALUE}).")
    int metricsLingerSeconds;

    @Option(names = "--no-progress", description = "No progress line each second on standard error.")
    boolean noProgress;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws InterruptedException {
        List<InetSocketAddress> targetAddresses =
                targets.stream().map(LoadCommand::parseTarget).toList();
        List<InetSocketAddress> bindAddresses =
                binds.stream().map(b -> new InetSocketAddress(b, 0)).toList();
        for (InetSocketAddress bind : bindAddresses) {
            Flags.require(
                    !bind.isUnresolved(), "--bind " + bind.getHostString() + " is not an address of this machine.");
        }
        int think = thinkMillis != null ? thinkMillis : hold ? 1000 : 0;
        Flags.require(concurrency >= 1, "--concurrency must be at least 1, not " + concurrency + ".");
        Flags.require(sessions >= 0, "--sessions must be 0 or more, not " + sessions + ".");
        Flags.require(rate >= 0, "--rate must be 0 or more, not " + rate + ".");
        Flags.require(think >= 0, "--think must be 0 or more milliseconds, not " + think + ".");
        Flags.require(durationSeconds >= 0 && warmupSeconds >= 0, "--duration and --warmup must be 0 or more seconds.");
        Flags.require(!hold || durationSeconds > 0, "--hold needs --duration: held sessions go on until it ends.");
        Flags.require(
                sessions > 0 || durationSeconds > 0, "Give --sessions or --duration, or the run would never end.");
        Flags.require(
                durationSeconds == 0 || warmupSeconds < durationSeconds,
                "--warmup (" + warmupSeconds + " s) must be shorter than --duration (" + durationSeconds + " s).");
        Flags.require(
                metricsPort >= 0 && metricsPort <= 65_535,
                "--metrics-port must be 0 to 65535, not " + metricsPort + ".");
        Flags.require(
                metricsLingerSeconds >= 0,
                "--metrics-linger must be 0 or more seconds, not " + metricsLingerSeconds + ".");
        Flags.require(
                metricsLingerSeconds == 0 || metricsPort > 0,
                "--metrics-linger needs --metrics-port: there is no endpoint to keep up.");
        checkLimits(targetAddresses.size(), bindAddresses.size());
        Instant begin = startAt != null ? parseStartAt(startAt) : null;
        Path logDirectory = histogramLog != null ? histogramLog.toAbsolutePath().getParent() : null;
        Flags.require(
                logDirectory == null || Files.isDirectory(logDirectory) && Files.isWritable(logDirectory),
                "--histogram-log " + histogramLog + ": no writable directory " + logDirectory + " to write it in.");

        // With source addresses, epoll can leave port choice to connect time (IP_BIND_ADDRESS_NO_PORT).
        ClientConfig config = client.toConfig(
                targetAddresses.get(0).getHostString(),
                targetAddresses.get(0).getPort(),
                think,
                bindAddresses.isEmpty() ? null : Transport.EPOLL);
        if (!bindAddresses.isEmpty() && config.transport() != Transport.EPOLL) {
            System.err.println(
                    "Note: with --transport " + config.transport()
                            + " a bound source address reserves its port at bind "
                            + "time; epoll's IP_BIND_ADDRESS_NO_PORT is what lets several source addresses share the port range.");
        }
        LoadGenerator.Plan plan = new LoadGenerator.Plan(
                targetAddresses,
                bindAddresses,
                hold ? 0 : sessions,
                concurrency,
                rate,
                durationSeconds,
                warmupSeconds,
                hold);
        // The metrics outlive the run by --metrics-linger, so a scrape after the report sees the final values.
        try (LoadMetrics metrics = LoadMetrics.serve(metricsPort)) {
            LoadReport report;
            try (NettyClient nettyClient = new NettyClient(config, client.threads(ClientOptions.cores()))) {
                LoadGenerator generator = new LoadGenerator(nettyClient, config, plan, metrics);
                waitUntil(begin);
                if (histogramLog == null) {
                    report = generator.run(noProgress ? null : System.err);
                } else {
                    try (HistogramIntervalLog log = openLog(config)) {
                        report = generator.logIntervalsTo(log).run(noProgress ? null : System.err);
                    }
                }
            }
            int status = finish(report);
            if (metrics != null && metricsLingerSeconds > 0) {
                System.err.println("Metrics stay up " + metricsLingerSeconds + " s more, for a last scrape.");
                Thread.sleep(TimeUnit.SECONDS.toMillis(metricsLingerSeconds));
            }
            return status;
        }
    }

    /** Prints the report, writes its JSON, and returns the exit status it makes. */
    private int finish(LoadReport report) {
        System.out.println(report.toText());
        if (json != null) {
            try {
                Files.writeString(json, report.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.failed("Cannot write the JSON report to " + json + ": " + e.getMessage());
            }
        }
        if (report.failed() > 0) {
            System.err.println(report.failed() + " of " + report.started() + " sessions failed ("
                    + report.failuresText() + "): see the report above.");
            return 1;
        }
        return report.completed() > 0 ? 0 : 1;
    }

    /** {@code --start-at}: an ISO-8601 instant or epoch milliseconds, at most a day ahead (further is a typo). */
    static Instant parseStartAt(String text) {
        Instant at;
        try {
            at = text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (RuntimeException e) {
            throw CommandFailure.usage("--start-at must be an ISO-8601 instant such as 2026-12-07T15:00:00Z"
                    + " or epoch milliseconds, not '" + text + "'.");
        }
        Flags.require(
                at.isBefore(Instant.now().plus(Duration.ofDays(1))),
                "--start-at " + at + " is more than a day away; give the instant the run should begin.");
        return at;
    }

    /**
     * Sleeps until {@code begin}, not a microsecond less (the report's {@code startedAt} must not come before it);
     * one that has passed starts the run at once, saying so.
     */
    static void waitUntil(Instant begin) throws InterruptedException {
        if (begin == null) {
            return;
        }
        if (!begin.isAfter(Instant.now())) {
            System.err.println("Note: --start-at " + begin + " has passed; starting now.");
            return;
        }
        for (Duration left; (left = Duration.between(Instant.now(), begin)).isPositive(); ) {
            Thread.sleep(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
        }
    }

    private HistogramIntervalLog openLog(ClientConfig config) {
        List<String> tags = new ArrayList<>(List.of(LoadReport.CONNECT, LoadReport.FIRST_FRAME, LoadReport.SESSION));
        if (config.tls() != null) {
            tags.add(1, LoadReport.HANDSHAKE);
        }
        try {
            return new HistogramIntervalLog(histogramLog, tags, LoadGenerator.HIGHEST_MICROS);
        } catch (IOException e) {
            throw CommandFailure.failed("Cannot write the histogram log to " + histogramLog + ": " + e.getMessage());
        }
    }

    /** Fails at once, with one sentence, when the concurrency asked cannot be reached here. */
    private void checkLimits(int targetCount, int bindCount) {
        OpenFileLimit files = OpenFileLimit.current();
        if (concurrency > files.connectionCeiling()) {
            throw CommandFailure.usage(String.format(
                    "Cannot hold %d connections: this process may open %d files (ulimit -n; hard limit %d) and needs about %d; "
                            + "raise the limit (ulimit -n, or LimitNOFILE for a service) or split the load across processes.",
                    concurrency, files.soft(), files.hard(), concurrency + OpenFileLimit.JVM_OVERHEAD));
        }
        long ports = ephemeralPorts();
        long pairs = (long) targetCount * Math.max(1, bindCount);
        if (ports > 0 && concurrency > ports * pairs) {
            throw CommandFailure.usage(String.format(
                    "Cannot hold %d connections: %d target(s) from %d source address(es) give about %d ephemeral ports "
                            + "(net.ipv4.ip_local_port_range); add --bind addresses such as 127.0.0.2 and 127.0.0.3, or more --target.",
                    concurrency, targetCount, Math.max(1, bindCount), ports * pairs));
        }
    }

    /** Size of the kernel's ephemeral port range, or 0 if unknown. */
    static long ephemeralPorts() {
        try {
            // not Files.readString: /proc files report size 0 and it was seen to read a single byte of them
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim()
                    .split("\\s+");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static InetSocketAddress parseTarget(String text) {
        int colon = text.lastIndexOf(':');
        Flags.require(colon > 0 && colon < text.length() - 1, "--target must be HOST:PORT, not '" + text + "'.");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw CommandFailure.usage(
                    "--target must be HOST:PORT, and '" + text.substring(colon + 1) + "' is not a port.");
        }
        Flags.require(port >= 1 && port <= 65_535, "--target port must be between 1 and 65535, not " + port + ".");
        InetSocketAddress address = new InetSocketAddress(host, port);
        Flags.require(!address.isUnresolved(), "Unknown host '" + host + "' in --target.");
        return address;
    }
}
