package io.listlines.bench;

import io.listlines.client.LoadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the load generator ({@code netty-client.jar load ... --json FILE}) in its own process,
 * bounded by a hard time limit (SIGTERM, then SIGKILL), its output kept in log files.
 */
final class LoadRun {
    /** How the run ended. {@code report} is the generator's JSON report, null if it wrote none (or one that does not read). */
    record Outcome(
            int exitStatus,
            boolean overran,
            LoadReport report,
            String error,
            double wallSeconds,
            long progressCompleted,
            long progressFailed,
            double cpuSeconds) {
        boolean finished() {
            return !overran && report != null && (exitStatus == 0 || exitStatus == 1);
        }
    }

    /** The generator's progress line: "[  12 s] open 100  started 5000  completed 4900 (  950/s)  failed 0". */
    private static final Pattern PROGRESS =
            Pattern.compile("started\\s+(\\d+)\\s+completed\\s+(\\d+).*failed\\s+(\\d+)");

    private LoadRun() {}

    /**
     * Runs {@code java JVM_OPTIONS -jar netty-client.jar load ARGS --json FILE}, killing it after {@code limit}.
     *
     * @param logBase path prefix for {@code .json}, {@code .out} and {@code .err}
     */
    static Outcome run(
            String java, List<String> jvmOptions, Path clientJar, List<String> args, Duration limit, Path logBase) {
        Path json = logBase.resolveSibling(logBase.getFileName() + ".json");
        Path out = logBase.resolveSibling(logBase.getFileName() + ".out");
        Path err = logBase.resolveSibling(logBase.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", clientJar.toString(), "load"));
        command.addAll(args);
        command.addAll(List.of("--json", json.toString()));
        long t0 = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(json.getParent());
            Files.deleteIfExists(json);
            process = Children.start(
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()));
        } catch (IOException e) {
            return new Outcome(-1, false, null, "could not start the load generator: " + e.getMessage(), 0, 0, 0, 0);
        }
        ProcSampler cpu = ProcSampler.start(process.pid());
        boolean overran = false;
        int status;
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                overran = true;
                Children.stop(process, Duration.ofSeconds(5));
            }
            process.waitFor(10, TimeUnit.SECONDS);
            status = process.isAlive() ? -1 : process.exitValue();
            Children.reaped(process);
        } catch (InterruptedException e) {
            Children.kill(process);
            Thread.currentThread().interrupt();
            status = -1;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = cpu.finish().cpuSeconds();
        LoadReport report = null;
        String error = null;
        try {
            if (Files.exists(json) && Files.size(json) > 0) {
                report = LoadReport.read(json);
            }
        } catch (IOException e) {
            error = "unreadable JSON report: " + e.getMessage();
        }
        long[] progress = lastProgress(err);
        if (overran) {
            error = "the load generator overran its limit of " + limit.toSeconds() + " s and was killed";
        } else if (status != 0 && status != 1) {
            error = "the load generator exited with status " + status + ": " + lastLines(err, out);
        } else if (report == null && error == null) {
            error = "the load generator wrote no JSON report (status " + status + "): " + lastLines(err, out);
        }
        return new Outcome(status, overran, report, error, wall, progress[0], progress[1], cpuSeconds);
    }

    /**
     * Several generators run side by side, as one run: counts, rates and CPU summed, the worst exit
     * status, the longest wall time, and each latency percentile the slowest generator's (percentiles
     * do not add up; the slowest is the honest bound). Its report is null unless every generator wrote one.
     */
    static Outcome combined(List<Outcome> outcomes) {
        if (outcomes.size() == 1) {
            return outcomes.getFirst();
        }
        int status = 0;
        boolean overran = false;
        String error = null;
        double wall = 0;
        double cpu = 0;
        long completed = 0;
        long failed = 0;
        List<LoadReport> reports = new ArrayList<>();
        for (int g = 0; g < outcomes.size(); g++) {
            Outcome o = outcomes.get(g);
            // 0 all completed, 1 some failed; anything else (2 refused, -1 killed) is worse than both
            boolean worse = o.exitStatus() != status
                    && (status == 0 || status == 1)
                    && (o.exitStatus() > status || o.exitStatus() < 0);
            status = worse ? o.exitStatus() : status;
            overran |= o.overran();
            if (error == null && o.error() != null) {
                error = "generator " + (g + 1) + " of " + outcomes.size() + ": " + o.error();
            }
            wall = Math.max(wall, o.wallSeconds());
            cpu += o.cpuSeconds();
            completed += o.progressCompleted();
            failed += o.progressFailed();
            if (o.report() != null) {
                reports.add(o.report());
            }
        }
        LoadReport report = reports.size() == outcomes.size() ? combinedReport(reports) : null;
        if (report == null && error == null) {
            error = (outcomes.size() - reports.size()) + " of " + outcomes.size() + " load generators wrote no report";
        }
        return new Outcome(status, overran, report, error, wall, completed, failed, cpu);
    }

    /** Several generators' reports as one, as {@link #combined(List)} says. */
    static LoadReport combinedReport(List<LoadReport> reports) {
        LoadReport first = reports.getFirst();
        Map<io.listlines.client.Outcome, Long> failures = new LinkedHashMap<>();
        Map<String, LoadReport.Latency> latency = new LinkedHashMap<>();
        for (LoadReport r : reports) {
            r.failures().forEach((cause, n) -> failures.merge(cause, n, Long::sum));
            r.latencyMillis().forEach((name, l) -> latency.merge(name, l, LoadRun::slowest));
        }
        return new LoadReport(
                reports.stream().flatMap(r -> r.targets().stream()).distinct().toList(),
                first.framing(),
                first.transport(),
                first.mode(),
                reports.stream().mapToInt(LoadReport::concurrency).sum(),
                reports.stream().mapToDouble(LoadReport::rate).sum(),
                first.thinkMillis(),
                reports.stream().mapToLong(LoadReport::sessionsRequested).sum(),
                reports.stream().mapToInt(LoadReport::durationSeconds).max().orElse(0),
                reports.stream().mapToInt(LoadReport::warmupSeconds).max().orElse(0),
                reports.stream().mapToLong(LoadReport::started).sum(),
                reports.stream().mapToLong(LoadReport::completed).sum(),
                reports.stream().mapToLong(LoadReport::failed).sum(),
                failures,
                // each generator's own peak; they ramp and hold together, so their sum is the level at its peak
                reports.stream().mapToLong(LoadReport::peakOpen).sum(),
                reports.stream().mapToDouble(LoadReport::elapsedSeconds).max().orElse(0),
                reports.stream().mapToDouble(LoadReport::sessionsPerSecond).sum(),
                latency,
                reports.stream().mapToLong(LoadReport::openFileLimit).min().orElse(0));
    }

    private static LoadReport.Latency slowest(LoadReport.Latency a, LoadReport.Latency b) {
        return new LoadReport.Latency(
                Math.max(a.p50(), b.p50()),
                Math.max(a.p90(), b.p90()),
                Math.max(a.p99(), b.p99()),
                Math.max(a.p999(), b.p999()),
                Math.max(a.max(), b.max()),
                a.count() + b.count());
    }

    /** Completed and failed from the last progress line, for a run that was killed. */
    private static long[] lastProgress(Path err) {
        long[] result = {0, 0};
        try {
            for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                Matcher m = PROGRESS.matcher(line);
                if (m.find()) {
                    result[0] = Long.parseLong(m.group(2));
                    result[1] = Long.parseLong(m.group(3));
                }
            }
        } catch (IOException | RuntimeException e) {
            // none
        }
        return result;
    }

    private static String lastLines(Path err, Path out) {
        String tail = ServerProcess.tail(err);
        if (tail.isEmpty() || tail.equals("(no log)")) {
            tail = ServerProcess.tail(out);
        }
        return tail.length() > 400 ? tail.substring(tail.length() - 400) : tail;
    }
}
