package io.listlines.bench.proc;

import io.listlines.bench.model.Status;
import io.listlines.report.LoadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the load generator ({@code netty-client.jar load ... --json FILE}) in its own process,
 * bounded by a hard time limit (SIGTERM, then SIGKILL), its output kept in log files.
 */
public final class LoadRun {
    /**
     * How the run ended. {@code report} is the generator's JSON report, null if it wrote none (or one that does
     * not read): the bench reads the generator's figures from its JSON only, never from its progress lines.
     */
    public record Outcome(
            int exitStatus, boolean overran, LoadReport report, String error, double wallSeconds, double cpuSeconds) {
        /** How the run ended, as a scenario's status. */
        public Status status() {
            if (overran()) {
                return Status.OVERRUN;
            }
            if (exitStatus() == 2) {
                return Status.REFUSED;
            }
            if (report() == null) {
                return Status.ERROR;
            }
            if (report().completed() == 0) {
                return Status.NO_SESSIONS;
            }
            // 1: some sessions failed; the report counts them by cause, and the scenario's figures say so
            return exitStatus() == 0 || exitStatus() == 1 ? Status.OK : Status.ERROR;
        }

        public boolean finished() {
            return !overran && report != null && (exitStatus == 0 || exitStatus == 1);
        }
    }

    private LoadRun() {}

    /**
     * Runs {@code java JVM_OPTIONS -jar netty-client.jar load ARGS --json FILE}, killing it after {@code limit}.
     *
     * @param logBase path prefix for {@code .json}, {@code .out} and {@code .err}
     */
    public static Outcome run(
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
            return new Outcome(-1, false, null, "could not start the load generator: " + e.getMessage(), 0, 0);
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
        if (overran) {
            error = "the load generator overran its limit of " + limit.toSeconds() + " s and was killed";
        } else if (status != 0 && status != 1) {
            error = "the load generator exited with status " + status + ": " + lastLines(err, out);
        } else if (report == null && error == null) {
            error = "the load generator wrote no JSON report (status " + status + "): " + lastLines(err, out);
        }
        return new Outcome(status, overran, report, error, wall, cpuSeconds);
    }

    /**
     * Several generators run side by side, as one run: counts, rates and CPU summed, the worst exit
     * status, the longest wall time, the reports merged exactly ({@link LoadReport#merge(List)}: histograms
     * added, percentiles from the sum). Its report is null unless every generator wrote one and they merge;
     * reports without histograms are refused, not approximated.
     */
    public static Outcome combined(List<Outcome> outcomes) {
        if (outcomes.size() == 1) {
            return outcomes.getFirst();
        }
        int status = 0;
        boolean overran = false;
        String error = null;
        double wall = 0;
        double cpu = 0;
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
            if (o.report() != null) {
                reports.add(o.report());
            }
        }
        LoadReport report = null;
        if (reports.size() == outcomes.size()) {
            try {
                report = LoadReport.merge(reports);
            } catch (IllegalArgumentException e) {
                error = error != null ? error : e.getMessage();
            }
        }
        if (report == null && error == null) {
            error = (outcomes.size() - reports.size()) + " of " + outcomes.size() + " load generators wrote no report";
        }
        return new Outcome(status, overran, report, error, wall, cpu);
    }

    private static String lastLines(Path err, Path out) {
        String tail = ServerProcess.tail(err);
        if (tail.isEmpty() || tail.equals("(no log)")) {
            tail = ServerProcess.tail(out);
        }
        return tail.length() > 400 ? tail.substring(tail.length() - 400) : tail;
    }
}
