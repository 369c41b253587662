package io.listlines.client;

import io.listlines.runtime.Flags;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.ProcStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs --sessions sessions against a server started with --metrics-port, every --hostile-every-th one hostile (in turn: a reset midway, a partial frame then close, idle until the server's timeout, an oversized length, garbage), and checks that every well-behaved session completed, every hostile one ended with its reason, and that the server's counters agree with the client's exactly. With --server-pid it also checks that the server's RSS at the end is within 10%% of its level after warm-up (the first tenth of the sessions, at least 20,000 when there are enough): run the server with a fixed heap (-Xms = -Xmx) so RSS shows leaks, not heap growth.",
            "Exits 0 when every check passed, 1 otherwise.",
            ""})
public final class SoakCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--target", defaultValue = "localhost:" + Protocol.DEFAULT_PORT, paramLabel = "HOST:PORT",
            description = "The server (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--metrics", required = true, paramLabel = "URL",
            description = "The server's metrics endpoint, e.g. http://127.0.0.1:9100/metrics.")
    URI metrics;

    @Option(names = "--sessions", defaultValue = "1000000", paramLabel = "N", description = "Sessions in all (default: ${DEFAULT-VALUE}).")
    long sessions;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "200", paramLabel = "C", description = "Sessions at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--hostile-every", defaultValue = "10", paramLabel = "K", description = "Every K-th session is hostile (default: ${DEFAULT-VALUE}).")
    int hostileEvery;

    @Option(names = "--server-pid", paramLabel = "PID", description = "The server's process, to sample its RSS from /proc.")
    Long serverPid;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = LoadCommand.parseTarget(target);
        Flags.require(sessions >= 10 && concurrency >= 1 && hostileEvery >= 2,
                "--sessions must be at least 10, --concurrency at least 1 and --hostile-every at least 2.");
        ClientConfig config = client.toConfig(address.getHostString(), address.getPort(), 0, null);
        Map<String, Long> before = scrape();

        LongAdder goodCompleted = new LongAdder();
        Map<Outcome, LongAdder> goodFailed = new EnumMap<>(Outcome.class);
        Map<Hostility, LongAdder> hostileRun = new EnumMap<>(Hostility.class);
        Map<Hostility, LongAdder> hostileWrong = new EnumMap<>(Hostility.class);
        for (Outcome o : Outcome.values()) {
            goodFailed.put(o, new LongAdder());
        }
        for (Hostility h : Hostility.values()) {
            hostileRun.put(h, new LongAdder());
            hostileWrong.put(h, new LongAdder());
        }
        List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch allDone = new CountDownLatch(1);
        AtomicLong ended = new AtomicLong();
        // Warm-up: a tenth of the run, or more of a short one, so the JIT and pools have settled.
        long warmup = Math.max(sessions / 10, Math.min(sessions / 2, 20_000));
        long[] rssAfterWarmup = {-1};
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
                    rssAfterWarmup[0] = rssKb(serverPid);
                }
                if (i % hostileEvery == hostileEvery - 1) {
                    Hostility h = Hostility.values()[(int) ((i / hostileEvery) % Hostility.values().length)];
                    hostileRun.get(h).increment();
                    Consumer<Boolean> done = ok -> {
                        if (!ok) {
                            hostileWrong.get(h).increment();
                        }
                        onEnd.run();
                    };
                    nettyClient.startHostile(address, h, done);
                } else {
                    nettyClient.start(address, null, System.nanoTime(), r -> {
                        if (r.isComplete()) {
                            goodCompleted.increment();
                        } else {
                            goodFailed.get(r.outcome()).increment();
                            if (firstFailures.size() < 5) {
                                firstFailures.add(r.message());
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
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<String, Long> after = awaitSettled(before);
        long rssEnd = serverPid != null ? rssKb(serverPid) : -1;

        List<String> failures = new ArrayList<>();
        long good = goodCompleted.sum();
        long goodFailures = goodFailed.values().stream().mapToLong(LongAdder::sum).sum();
        check(failures, goodFailures == 0, "well-behaved sessions failed: " + goodFailures + " " + firstFailures);
        check(failures, delta(before, after, "complete") == good,
                "the server counted " + delta(before, after, "complete") + " complete sessions, the client " + good);
        Map<String, Long> expectedReasons = new HashMap<>();
        hostileRun.forEach((h, n) -> expectedReasons.merge(h.serverReason(), n.sum(), Long::sum));
        for (Map.Entry<String, Long> e : expectedReasons.entrySet()) {
            long counted = delta(before, after, e.getKey());
            check(failures, counted == e.getValue(), "the server counted " + counted + " sessions ended by '" + e.getKey()
                    + "', the client sent " + e.getValue());
        }
        hostileWrong.forEach((h, n) -> check(failures, n.sum() == 0, n.sum() + " " + h + " sessions did not end as they should"));
        check(failures, after.getOrDefault("open", -1L) == 0, "the server still has " + after.get("open") + " connections open");
        if (rssAfterWarmup[0] > 0) {
            check(failures, rssEnd <= rssAfterWarmup[0] * 1.10, String.format(Locale.ROOT,
                    "server RSS grew from %d KB after warm-up to %d KB (over 10%%)", rssAfterWarmup[0], rssEnd));
        }

        long hostile = hostileRun.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf(Locale.ROOT, "soak: %d sessions in %.1f s (%.0f/s): %d well-behaved, %d complete; %d hostile %s%n",
                sessions, seconds, sessions / seconds, sessions - hostile, good, hostile, counts(hostileRun));
        System.out.printf(Locale.ROOT, "server counters (change): complete %d, incomplete %d, idle_timeout %d, frame_too_long %d, open %d%n",
                delta(before, after, "complete"), delta(before, after, "incomplete"), delta(before, after, "idle_timeout"),
                delta(before, after, "frame_too_long"), after.getOrDefault("open", -1L));
        if (rssAfterWarmup[0] > 0) {
            System.out.printf(Locale.ROOT, "server RSS: %d KB after warm-up, %d KB at the end (%+.1f%%)%n",
                    rssAfterWarmup[0], rssEnd, 100.0 * (rssEnd - rssAfterWarmup[0]) / rssAfterWarmup[0]);
        }
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.out.println(failures.isEmpty() ? "soak: every check passed" : "soak: " + failures.size() + " check(s) failed");
        return failures.isEmpty() ? 0 : 1;
    }

    private static String counts(Map<Hostility, LongAdder> run) {
        StringBuilder out = new StringBuilder("(");
        run.forEach((h, n) -> out.append(out.length() > 1 ? ", " : "").append(n.sum()).append(' ').append(h.name().toLowerCase(Locale.ROOT)));
        return out.append(')').toString();
    }

    private static void check(List<String> failures, boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    /** The server's counters once the last connections are recorded (open back to where it started). */
    private Map<String, Long> awaitSettled(Map<String, Long> before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Map<String, Long> after = scrape();
        while (after.getOrDefault("open", 0L) > before.getOrDefault("open", 0L) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = scrape();
        }
        return after;
    }

    /** The server's counters by short name: complete, incomplete, open, and each error kind. */
    private Map<String, Long> scrape() throws IOException, InterruptedException {
        String body;
        try {
            body = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw CommandFailure.failed("Cannot read the server's metrics at " + metrics + ": " + e.getMessage());
        }
        Map<String, Long> counters = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("listlines_sessions_total")) {
                counters.put(label(line, "outcome"), value);
            } else if (line.startsWith("listlines_session_errors_total")) {
                counters.put(label(line, "reason"), value);
            } else if (line.startsWith("listlines_connections_open")) {
                counters.put("open", value);
            }
        }
        return counters;
    }

    private static String label(String line, String name) {
        int at = line.indexOf(name + "=\"") + name.length() + 2;
        return line.substring(at, line.indexOf('"', at));
    }

    /** The server's RSS in KB, or -1 if it is gone (or this is not Linux). */
    private static long rssKb(long pid) {
        return ProcStatus.read(pid).map(ProcStatus::rssKb).orElse(-1L);
    }
}
