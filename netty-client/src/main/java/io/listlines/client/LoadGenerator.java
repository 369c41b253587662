package io.listlines.client;

import io.listlines.process.OpenFileLimit;
import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives many sessions at once from one process and measures them. At most {@code concurrency}
 * sessions are in flight. Without a rate it is a closed loop: a session starts as soon as one
 * ends. With a rate it is an open loop: sessions are scheduled at fixed intervals and each one's
 * latency counts from its scheduled start, even if it had to wait for a free slot, so a server
 * that falls behind shows it (coordinated omission corrected, as wrk2 does).
 */
public final class LoadGenerator {
    /** What to run. {@code sessions} 0 means until {@code durationSeconds}. */
    public record Plan(
            List<InetSocketAddress> targets,
            List<InetSocketAddress> binds,
            long sessions,
            int concurrency,
            double rate,
            int durationSeconds,
            int warmupSeconds,
            boolean hold) {
        String mode() {
            return hold ? "hold" : rate > 0 ? "open" : "closed";
        }
    }

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final NettyClient client;
    private final ClientConfig config;
    private final Plan plan;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> waiting = new ConcurrentLinkedQueue<>();
    private final CountDownLatch allEnded = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile long deadline = Long.MAX_VALUE;
    private final LongAdder completed = new LongAdder();
    private final LongAdder warmupEnded = new LongAdder();
    private final Map<Outcome, LongAdder> failures = new EnumMap<>(Outcome.class);
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong peakOpen = new AtomicLong();
    private final AtomicLong lastCountedEnd = new AtomicLong();
    private final Histogram connect = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    /** With TLS: from connected to handshake complete, the handshake alone. */
    private final Histogram handshake = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    private final Histogram firstFrame = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram session = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private volatile long warmupEnd;
    private Instant startedAt;
    private HistogramIntervalLog intervalLog;
    private final LoadMetrics metrics;

    public LoadGenerator(NettyClient client, ClientConfig config, Plan plan) {
        this(client, config, plan, null);
    }

    /** With {@code metrics} (null for none) kept up to date as sessions end. */
    LoadGenerator(NettyClient client, ClientConfig config, Plan plan, LoadMetrics metrics) {
        this.client = client;
        this.config = config;
        this.plan = plan;
        this.metrics = metrics;
        if (metrics != null) {
            metrics.connectionsOpen(open::get);
        }
        for (Outcome outcome : Outcome.failures()) {
            failures.put(outcome, new LongAdder());
        }
    }

    /** Also records every measured latency in {@code log}, interval by interval ({@code --histogram-log}). */
    LoadGenerator logIntervalsTo(HistogramIntervalLog log) {
        this.intervalLog = log;
        return this;
    }

    /** Runs the plan, printing a progress line each second to {@code progress} (or nothing if null). */
    public LoadReport run(PrintStream progress) throws InterruptedException {
        long t0 = System.nanoTime();
        startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        warmupEnd = t0 + TimeUnit.SECONDS.toNanos(plan.warmupSeconds());
        deadline = plan.durationSeconds() > 0 ? t0 + TimeUnit.SECONDS.toNanos(plan.durationSeconds()) : Long.MAX_VALUE;
        Thread reporter = progress == null
                ? null
                : Thread.ofPlatform().daemon(true).name("load-progress").start(() -> report(progress, t0));
        try {
            if (plan.rate() > 0) {
                schedule(t0);
            } else {
                // Closed loop: fill the slots here; from then on each session that ends starts the
                // next one on its own event loop, with no hand-off between threads.
                for (int i = 0; i < plan.concurrency() && claim(); i++) {
                    start(System.nanoTime());
                }
            }
            stopping = true;
            if (inFlight.get() > 0) {
                // Each session is bounded by the client's timeouts; this only guards against a bug.
                long drain = TimeUnit.SECONDS.toMillis(config.timeoutSeconds() * 3L + 5)
                        + 10L * config.thinkMillis()
                        + Math.max(
                                0,
                                TimeUnit.NANOSECONDS.toMillis(
                                        Math.min(deadline, Long.MAX_VALUE / 2) - System.nanoTime()));
                allEnded.await(
                        plan.durationSeconds() > 0 || plan.rate() > 0 ? drain : Long.MAX_VALUE, TimeUnit.MILLISECONDS);
            }
        } finally {
            if (reporter != null) {
                reporter.interrupt();
            }
        }
        return report(t0);
    }

    /** Open loop: session i is due at t0 + i/rate; when every slot is busy it waits, keeping its due time. */
    private void schedule(long t0) {
        for (long i = 0; claim(); i++) {
            long due = t0 + (long) (i * 1e9 / plan.rate());
            parkUntil(Math.min(due, deadline));
            if (System.nanoTime() >= deadline) {
                return;
            }
            if (inFlight.get() < plan.concurrency()) {
                start(due);
            } else {
                waiting.add(due);
            }
        }
    }

    /**
     * Takes one session from the budget: false once the sessions or the duration are used up.
     * Warm-up sessions come on top of the budget: {@code --sessions} counts measured sessions.
     */
    private boolean claim() {
        long now = System.nanoTime();
        if (now >= deadline) {
            return false;
        }
        return now < warmupEnd || plan.sessions() == 0 || claimed.incrementAndGet() <= plan.sessions();
    }

    private static void parkUntil(long when) {
        for (long left; (left = when - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    private void start(long intended) {
        long i = started.incrementAndGet() - 1;
        InetSocketAddress target = plan.targets().get((int) (i % plan.targets().size()));
        InetSocketAddress bind = plan.binds().isEmpty()
                ? null
                : plan.binds().get((int) (i % plan.binds().size()));
        inFlight.incrementAndGet();
        client.start(target, bind, intended, new SessionListener() {
            @Override
            public void connected() {
                peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            }

            @Override
            public void ended(SessionResult result) {
                if (result.connected() != 0) {
                    open.decrementAndGet();
                }
                record(result);
                next();
                if (inFlight.decrementAndGet() == 0 && stopping) {
                    allEnded.countDown();
                }
            }
        });
    }

    /** A slot is free: start the open loop's oldest waiting session, or the closed loop's next one. */
    private void next() {
        if (plan.rate() > 0) {
            Long due = waiting.poll();
            if (due != null) {
                start(due);
            }
        } else if (claim()) {
            start(System.nanoTime());
        }
    }

    private void record(SessionResult r) {
        if (metrics != null) {
            metrics.ended(r);
        }
        if (r.start() < warmupEnd) {
            warmupEnded.increment();
            return;
        }
        if (r.isComplete()) {
            completed.increment();
            latency(connect, LoadReport.CONNECT, r.connected() - r.start());
            if (r.handshaken() != 0) {
                latency(handshake, LoadReport.HANDSHAKE, r.handshaken() - r.connected());
            }
            latency(firstFrame, LoadReport.FIRST_FRAME, r.firstFrame() - r.start());
            latency(session, LoadReport.SESSION, r.end() - r.start());
        } else {
            failures.get(r.outcome()).increment();
        }
        lastCountedEnd.accumulateAndGet(r.end(), Math::max);
    }

    private void latency(Histogram total, String name, long nanos) {
        long micros = micros(nanos);
        total.recordValue(micros);
        if (intervalLog != null) {
            intervalLog.record(name, micros);
        }
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }

    private void report(PrintStream out, long t0) {
        long previous = 0;
        try {
            while (true) {
                Thread.sleep(1000);
                long done = completed.sum() + warmupEnded.sum();
                long failed =
                        failures.values().stream().mapToLong(LongAdder::sum).sum();
                out.printf(
                        Locale.ROOT,
                        "[%4d s] open %6d  started %8d  completed %8d (%6d/s)  failed %d%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0),
                        open.get(),
                        started.get(),
                        done,
                        done - previous,
                        failed);
                out.flush();
                previous = done;
            }
        } catch (InterruptedException e) {
            // run over
        }
    }

    private LoadReport report(long t0) {
        long measuredFrom = Math.max(t0, warmupEnd);
        long end = Math.max(lastCountedEnd.get(), measuredFrom);
        double seconds = (end - measuredFrom) / 1e9;
        Map<Outcome, Long> failed = new EnumMap<>(Outcome.class);
        failures.forEach((outcome, count) -> failed.put(outcome, count.sum()));
        long failedTotal = failed.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Histogram> micros = new LinkedHashMap<>();
        micros.put(LoadReport.CONNECT, connect);
        if (config.tls() != null) {
            micros.put(LoadReport.HANDSHAKE, handshake);
        }
        micros.put(LoadReport.FIRST_FRAME, firstFrame);
        micros.put(LoadReport.SESSION, session);
        // the percentiles and the histograms in the report are the same histograms: a merge reads the same numbers
        Map<String, LoadReport.Latency> latencies = new LinkedHashMap<>();
        micros.forEach((name, h) -> latencies.put(name, LoadReport.Latency.of(h)));
        return new LoadReport(
                plan.targets().stream()
                        .map(t -> t.getHostString() + ":" + t.getPort())
                        .toList(),
                config.framing().toString(),
                config.transport().toString(),
                plan.mode(),
                plan.concurrency(),
                plan.rate(),
                config.thinkMillis(),
                plan.sessions(),
                plan.durationSeconds(),
                plan.warmupSeconds(),
                started.get(),
                completed.sum(),
                failedTotal,
                failed,
                peakOpen.get(),
                seconds,
                seconds > 0 ? completed.sum() / seconds : 0,
                latencies,
                OpenFileLimit.current().soft(),
                startedAt.toString(),
                startedAt.plusNanos(end - t0).truncatedTo(ChronoUnit.MILLIS).toString(),
                LoadReport.encode(micros));
    }
}
