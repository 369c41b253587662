package io.listlines.bench.run;

import io.listlines.bench.model.Run;
import io.listlines.bench.model.SampleSummary;
import io.listlines.bench.proc.GcLog;
import io.listlines.bench.proc.LoadRun;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.report.LoadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A load run with the servers sampled from /proc meanwhile, what the rest of the machine did, and the
 * longest collector pause the servers' GC logs had meanwhile (null: no GC log, a server that is no JVM).
 */
public record Sampled(
        LoadRun.Outcome load,
        SampleSummary server,
        double otherCpuSeconds,
        String loadAverage,
        Double longestGcPauseMillis) {

    /**
     * Runs {@code load} with the processes {@code serverPids} sampled, as their sum, meanwhile, and
     * their GC logs {@code gcLogs} (none for a server that is no JVM) read for the pauses meanwhile.
     */
    static Sampled during(List<Long> serverPids, List<Path> gcLogs, Supplier<LoadRun.Outcome> load) {
        String loadAverage = ProcSampler.loadAverage();
        double busy0 = ProcSampler.machineBusySeconds();
        GcLog.Mark gc = GcLog.mark(gcLogs);
        ProcSampler sampler = ProcSampler.start(serverPids);
        LoadRun.Outcome outcome = load.get();
        SampleSummary summary = sampler.finish();
        return new Sampled(
                outcome,
                summary,
                other(busy0, summary.cpuSeconds(), outcome.cpuSeconds()),
                loadAverage,
                gc.longestPauseMillis());
    }

    /** CPU-seconds the rest of the machine used since {@code busyBefore}: busy time minus server and generator. */
    private static double other(double busyBefore, double server, double generator) {
        double busy = ProcSampler.machineBusySeconds();
        return busyBefore < 0 || busy < 0 ? 0 : Run.round3(Math.max(0, busy - busyBefore - server - generator));
    }

    /** What this found: the generator's report where it wrote one (none: no sessions counted). */
    public Run toRun() {
        LoadReport r = load.report();
        return new Run(
                load.status(),
                load.error(),
                r != null ? r.completed() : 0,
                r != null ? r.failed() : 0,
                Run.failuresOf(r),
                Run.round3(server.cpuSeconds()),
                server.peakRssBytes(),
                server.peakThreads(),
                Run.round3(load.wallSeconds()),
                Run.round3(load.cpuSeconds()),
                otherCpuSeconds,
                loadAverage,
                longestGcPauseMillis,
                r);
    }
}
