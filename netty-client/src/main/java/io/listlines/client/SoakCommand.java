package io.listlines.client;

import io.listlines.process.ProcStatus;
import io.listlines.protocol.Protocol;
import io.listlines.report.Outcome;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Flags;
import io.listlines.runtime.NettyProgramVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netty-client soak}: many sessions, one in ten hostile, checked against the server's own counters. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs --sessions sessions against a server started with --metrics-port, every --hostile-every-th one hostile (in turn: a reset midway, a partial frame then close, idle until the server's timeout, an oversized length, garbage), and checks that every well-behaved session completed, every hostile one ended with its reason, and that the server's counters agree with the client's exactly. With --server-pid it also checks that the server's RSS at the end is within 10%% of its level after warm-up (the first tenth of the sessions, at least 20,000 when there are enough): run the server with a fixed heap (-Xms = -Xmx) so RSS shows leaks, not heap growth.",
            "Exits 0 when every check passed, 1 otherwise.",
            ""
        })
public final class SoakCommand implements Callable<Integer> {
    @Option(
            names = "--target",
            defaultValue = "localhost:" + Protocol.DEFAULT_PORT,
            paramLabel = "HOST:PORT",
            description = "The server (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--metrics",
            required = true,
            paramLabel = "URL",
            description = "The server's metrics endpoint, e.g. http://127.0.0.1:9100/metrics.")
    URI metrics;

    @Option(
            names = "--sessions",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Sessions in all (default: ${DEFAULT-VALUE}).")
    long sessions;

    @Option(
            names = {"-c", "--concurrency"},
            defaultValue = "200",
            paramLabel = "C",
            description = "Sessions at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--hostile-every",
            defaultValue = "10",
            paramLabel = "K",
            description = "Every K-th session is hostile (default: ${DEFAULT-VALUE}).")
    int hostileEvery;

    @Option(
            names = "--server-pid",
            paramLabel = "PID",
            description = "The server's process, to sample its RSS from /proc.")
    Long serverPid;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = LoadCommand.parseTarget(target);
        Flags.require(
                sessions >= 10 && concurrency >= 1 && hostileEvery >= 2,
                "--sessions must be at least 10, --concurrency at least 1 and --hostile-every at least 2.");
        ClientConfig config = client.toConfig(address.getHostString(), address.getPort(), 0, null);
        ServerCounters before = readServer();
        Tally tally = runSessions(config, address);
        ServerCounters after = awaitSettled(before);
        long rssEnd = serverPid != null ? rssKb(serverPid) : -1;
        List<String> failures = check(tally, before, after, rssEnd);
        print(tally, before, after, rssEnd, failures);
        return failures.isEmpty() ? 0 : 1;
    }

    /** What the client saw of the sessions it ran. */
    private static final class Tally {
        final LongAdder goodCompleted = new LongAdder();
        final Map<Outcome, LongAdder> goodFailed = new EnumMap<>(Outcome.class);
        final Map<Hostility, LongAdder> hostileRun = new EnumMap<>(Hostility.class);
        final Map<Hostility, LongAdder> hostileWrong = new EnumMap<>(Hostility.class);
        final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
        /** The server's RSS once the warm-up sessions had started, -1 if not read. */
        volatile long rssAfterWarmupKb = -1;

        double seconds;

        Tally() {
            for (Outcome o : Outcome.values()) {
                goodFailed.put(o, new LongAdder());
            }
            for (Hostility h : Hostility.values()) {
                hostileRun.put(h, new LongAdder());
                hostileWrong.put(h, new LongAdder());
            }
        }

        long hostile() {
            return hostileRun.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /** Runs the sessions, every {@code --hostile-every}-th hostile, {@code --concurrency} at once, until all have ended. */
    private Tally runSessions(ClientConfig config, InetSocketAddress address) throws InterruptedException {
        Tally tally = new Tally();
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch allDone = new CountDownLatch(1);
        AtomicLong ended = new AtomicLong();
        // Warm-up: a tenth of the run, or more of a short one, so the JIT and pools have settled.
        long warmup = Math.max(sessions / 10, Math.min(sessions / 2, 20_000));
        long began = System.nanoTime();
        try (NettyClient nettyClient = new NettyClient(config, client.threads(ClientOptions.cores()))) {
            Runnable onEnd = () -> {
                slots.release();
                if (ended.incrementAndGet() == sessions) {
                    allDone.countDown();
                }
            };
            for (long i = 0; i < sessions; i++) {
                slots.acquire();
                if (i == warmup && serverPid != null) {
                    tally.rssAfterWarmupKb = rssKb(serverPid);
                }
                if (i % hostileEvery == hostileEvery - 1) {
                    Hostility h = Hostility.values()[(int) ((i / hostileEvery) % Hostility.values().length)];
                    tally.hostileRun.get(h).increment();
                    Consumer<Boolean> done = ok -> {
                        if (!ok) {
                            tally.hostileWrong.get(h).increment();
                        }
                        onEnd.run();
                    };
                    nettyClient.startHostile(address, h, done);
                } else {
                    nettyClient.start(address, null, System.nanoTime(), r -> {
                        if (r.isComplete()) {
                            tally.goodCompleted.increment();
                        } else {
                            tally.goodFailed.get(r.outcome()).increment();
                            if (tally.firstFailures.size() < 5) {
                                tally.firstFailures.add(r.message());
                            }
                        }
                        onEnd.run();
                    });
                }
                if (i > 0 && i % 100_000 == 0) {
                    System.err.printf(Locale.ROOT, "soak: %d of %d sessions started%n", i, sessions);
                }
            }
            if (!allDone.await(10L * config.timeoutSeconds() + 60, TimeUnit.SECONDS)) {
                throw CommandFailure.failed("Soak sessions did not all end: " + ended.get() + " of " + sessions + ".");
            }
        }
        tally.seconds = (System.nanoTime() - began) / 1e9;
        return tally;
    }

    /** Every check that failed, in words: the client's view against the server's counters, and the server's RSS. */
    private static List<String> check(Tally tally, ServerCounters before, ServerCounters after, long rssEnd) {
        List<String> failures = new ArrayList<>();
        long good = tally.goodCompleted.sum();
        long goodFailures =
                tally.goodFailed.values().stream().mapToLong(LongAdder::sum).sum();
        check(failures, goodFailures == 0, "well-behaved sessions failed: " + goodFailures + " " + tally.firstFailures);
        check(
                failures,
                after.since(before, "complete") == good,
                "the server counted " + after.since(before, "complete") + " complete sessions, the client " + good);
        Map<String, Long> expectedReasons = new HashMap<>();
        tally.hostileRun.forEach((h, n) -> expectedReasons.merge(h.serverReason(), n.sum(), Long::sum));
        for (Map.Entry<String, Long> e : expectedReasons.entrySet()) {
            long counted = after.since(before, e.getKey());
            check(
                    failures,
                    counted == e.getValue(),
                    "the server counted " + counted + " sessions ended by '" + e.getKey() + "', the client sent "
                            + e.getValue());
        }
        tally.hostileWrong.forEach(
                (h, n) -> check(failures, n.sum() == 0, n.sum() + " " + h + " sessions did not end as they should"));
        check(failures, after.open() == 0, "the server still has " + after.open() + " connections open");
        long rssAfterWarmup = tally.rssAfterWarmupKb;
        if (rssAfterWarmup > 0) {
            check(
                    failures,
                    rssEnd <= rssAfterWarmup * 1.10,
                    String.format(
                            Locale.ROOT,
                            "server RSS grew from %d KB after warm-up to %d KB (over 10%%)",
                            rssAfterWarmup,
                            rssEnd));
        }
        return failures;
    }

    private void print(Tally tally, ServerCounters before, ServerCounters after, long rssEnd, List<String> failures) {
        long hostile = tally.hostile();
        System.out.printf(
                Locale.ROOT,
                "soak: %d sessions in %.1f s (%.0f/s): %d well-behaved, %d complete; %d hostile %s%n",
                sessions,
                tally.seconds,
                sessions / tally.seconds,
                sessions - hostile,
                tally.goodCompleted.sum(),
                hostile,
                counts(tally.hostileRun));
        System.out.printf(
                Locale.ROOT,
                "server counters (change): complete %d, incomplete %d, idle_timeout %d, frame_too_long %d, open %d%n",
                after.since(before, "complete"),
                after.since(before, "incomplete"),
                after.since(before, "idle_timeout"),
                after.since(before, "frame_too_long"),
                after.open());
        long rssAfterWarmup = tally.rssAfterWarmupKb;
        if (rssAfterWarmup > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "server RSS: %d KB after warm-up, %d KB at the end (%+.1f%%)%n",
                    rssAfterWarmup,
                    rssEnd,
                    100.0 * (rssEnd - rssAfterWarmup) / rssAfterWarmup);
        }
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.out.println(
                failures.isEmpty() ? "soak: every check passed" : "soak: " + failures.size() + " check(s) failed");
    }

    private static String counts(Map<Hostility, LongAdder> run) {
        StringBuilder out = new StringBuilder("(");
        run.forEach((h, n) -> out.append(out.length() > 1 ? ", " : "")
                .append(n.sum())
                .append(' ')
                .append(h.name().toLowerCase(Locale.ROOT)));
        return out.append(')').toString();
    }

    private static void check(List<String> failures, boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }

    /**
     * The server's counters the soak checks: sessions ended, by short name ({@code complete},
     * {@code incomplete}, {@code error} and each error kind, as {@code listlines_sessions_total}'s
     * outcome and {@code listlines_session_errors_total}'s reason name them), and the connections
     * open now (-1 if not served).
     */
    record ServerCounters(Map<String, Long> ended, long open) {
        /** How much the count {@code key} grew since {@code before}; a series not served counts 0. */
        long since(ServerCounters before, String key) {
            return ended.getOrDefault(key, 0L) - before.ended.getOrDefault(key, 0L);
        }
    }

    /** The server's counters once the last connections are recorded (open back to where it started). */
    private ServerCounters awaitSettled(ServerCounters before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        ServerCounters after = readServer();
        while (after.open() > before.open() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = readServer();
        }
        return after;
    }

    /** One scrape of the server's metrics, as the counters the soak checks. */
    private ServerCounters readServer() throws IOException, InterruptedException {
        MetricsScrape scrape;
        try {
            scrape = MetricsScrape.fetch(metrics);
        } catch (IOException e) {
            throw CommandFailure.failed("Cannot read the server's metrics at " + metrics + ": " + e.getMessage());
        }
        Map<String, Long> ended = new LinkedHashMap<>();
        scrape.byLabel("listlines_sessions_total", "outcome")
                .forEach((outcome, n) -> ended.put(outcome, Math.round(n)));
        scrape.byLabel("listlines_session_errors_total", "reason")
                .forEach((reason, n) -> ended.put(reason, Math.round(n)));
        long open =
                Math.round(scrape.value("listlines_connections_open", Map.of()).orElse(-1));
        return new ServerCounters(ended, open);
    }

    /** The server's RSS in KB, or -1 if it is gone (or this is not Linux). */
    private static long rssKb(long pid) {
        return ProcStatus.read(pid).map(ProcStatus::rssKb).orElse(-1L);
    }
}
