package io.listlines.bench;

import io.listlines.client.LoadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
