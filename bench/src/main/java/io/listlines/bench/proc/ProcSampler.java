package io.listlines.bench.proc;

import io.listlines.bench.model.Sample;
import io.listlines.bench.model.SampleSummary;
import io.listlines.process.ProcStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's resident memory and threads ({@link ProcStatus}), CPU time and open files from
 * {@code /proc}, once or every 200 ms in the background while a scenario runs, keeping the peaks. A
 * group of processes (one model's servers sharing a port) is read as their sum at each moment, so
 * its peak is the peak of the sum, not the sum of each one's peak.
 */
public final class ProcSampler implements AutoCloseable {
    public static final long INTERVAL_MILLIS = 200;
    /**
     * Counting /proc/PID/fd means listing its entries (some 30 ms of CPU for 19,000 of them): every
     * sample while there are few, every fifth (once a second) past {@link #FEW_FDS}.
     */
    private static final int FD_EVERY = 5;

    private static final int FEW_FDS = 2000;

    private static final long CLOCK_TICKS = clockTicks();

    private final List<Long> pids;
    private final long t0 = System.nanoTime();
    private final List<Sample> series = new ArrayList<>();
    private final Thread thread;
    private final double cpuStart;
    private long peakRss;
    private int peakThreads;
    private int peakFds = -1;
    private double lastCpu;
    private volatile boolean stopped;

    private ProcSampler(List<Long> pids) {
        this.pids = List.copyOf(pids);
        Sample first = read(this.pids, true, 0);
        cpuStart = first == null ? 0 : first.cpuSeconds();
        if (first != null) {
            take(first);
        }
        thread = Thread.ofPlatform()
                .daemon(true)
                .name("proc-sampler-" + pids.getFirst())
                .start(this::loop);
    }

    /** Starts sampling {@code pid} in the background. */
    public static ProcSampler start(long pid) {
        return new ProcSampler(List.of(pid));
    }

    /** Starts sampling the sum of {@code pids} in the background. */
    public static ProcSampler start(List<Long> pids) {
        return new ProcSampler(pids);
    }

    private void loop() {
        int n = 0;
        int lastFds = 0;
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Sample sample = read(pids, ++n % FD_EVERY == 0 || lastFds < FEW_FDS, secondsSince(t0));
            if (sample == null) {
                return; // the processes are gone
            }
            if (sample.fds() >= 0) {
                lastFds = sample.fds();
            }
            synchronized (this) {
                take(sample);
            }
        }
    }

    private void take(Sample sample) {
        lastCpu = sample.cpuSeconds();
        peakRss = Math.max(peakRss, sample.rssBytes());
        peakThreads = Math.max(peakThreads, sample.threads());
        peakFds = Math.max(peakFds, sample.fds());
        if (sample.fds() >= 0
                && (series.isEmpty() || sample.t() - series.getLast().t() >= 0.95)) {
            series.add(sample); // about one a second: enough to see the ramp and the plateau
        }
    }

    /** Stops sampling, takes a last reading, and returns the peaks and the CPU time used meanwhile. */
    public SampleSummary finish() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            Sample last = read(pids, true, secondsSince(t0));
            double cpuEnd = cpuStart;
            if (last != null) {
                take(last);
                cpuEnd = last.cpuSeconds();
            } else {
                cpuEnd = Math.max(cpuStart, lastCpu); // gone: its last reading, at most 200 ms old
            }
            return new SampleSummary(peakRss, peakThreads, peakFds, cpuStart, cpuEnd, List.copyOf(series));
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }

    private static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
    }

    /**
     * One reading of the sum of {@code pids} (those still running), or null if all are gone; open
     * files are -1 (not counted) if any could not be counted.
     */
    public static Sample read(List<Long> pids, boolean countFds, double t) {
        Sample sum = null;
        for (long pid : pids) {
            Sample s = read(pid, countFds, t);
            if (s == null) {
                continue;
            }
            sum = sum == null
                    ? s
                    : new Sample(
                            t,
                            sum.rssBytes() + s.rssBytes(),
                            sum.threads() + s.threads(),
                            sum.cpuSeconds() + s.cpuSeconds(),
                            sum.fds() < 0 || s.fds() < 0 ? -1 : sum.fds() + s.fds());
        }
        return sum;
    }

    /** One reading of {@code pid}, or null if it is gone. */
    public static Sample read(long pid, boolean countFds, double t) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            ProcStatus status = ProcStatus.read(pid).orElse(null);
            if (status == null) {
                return null;
            }
            String stat = String.join(" ", Files.readAllLines(dir.resolve("stat")));
            // Fields after the command name in parentheses (which may hold spaces): state is field 3,
            // utime 14 and stime 15 (proc(5)).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            int fds = countFds ? countFds(dir.resolve("fd")) : -1;
            return new Sample(t, status.rssBytes(), status.threads(), (double) ticks / CLOCK_TICKS, fds);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int countFds(Path fdDir) {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
            for (Path ignored : entries) {
                n++;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return n;
    }

    /**
     * CPU time the whole machine has spent busy (user, nice, system, irq, softirq, steal: every field
     * of /proc/stat's first line but idle and iowait), in seconds, or -1 if unknown.
     */
    public static double machineBusySeconds() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i = 1; i < Math.min(f.length, 9); i++) {
                        if (i != 4 && i != 5) {
                            busy += Long.parseLong(f[i]);
                        }
                    }
                    return (double) busy / CLOCK_TICKS;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /** Clock ticks per second for /proc/PID/stat ({@code getconf CLK_TCK}; 100 on Linux in practice). */
    public static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    public static long ticksPerSecond() {
        return CLOCK_TICKS;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        try {
            String[] f = String.join(" ", Files.readAllLines(Path.of("/proc/loadavg")))
                    .trim()
                    .split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
