package io.listlines.bench.model;

import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of the load generator against a server, whichever the scenario: how it ended and what it
 * cost. {@code completed}/{@code failed} are the generator's sessions (a burst's count only those after
 * its warm-up); server CPU counts the whole run; {@code otherCpuSeconds} is what the rest of the
 * machine (other processes, the bench itself) used meanwhile: its busy time minus server and
 * generator. {@code longestGcPauseMillis} is the longest collector pause the server's JVM logged during
 * the run (its {@code -Xlog:gc} file, {@link io.listlines.bench.proc.GcLog}; the longest of a group's
 * processes); null for a server that is no JVM, or in results written before it was kept. In
 * results.json its fields stand in the scenario's own object.
 */
public record Run(
        Status status,
        String error,
        long completed,
        long failed,
        Map<String, Long> failures,
        double serverCpuSeconds,
        long peakRssBytes,
        int peakThreads,
        double wallSeconds,
        double loadGeneratorCpuSeconds,
        double otherCpuSeconds,
        String loadAverageBefore,
        Double longestGcPauseMillis,
        LoadReport generator) {

    /** A run that could not start because the server was gone, for {@code why}. */
    public static Run serverDown(String why, String loadAverageBefore) {
        return new Run(
                Status.SERVER_DOWN, why, 0, 0, failuresOf(null), 0, 0, 0, 0, 0, 0, loadAverageBefore, null, null);
    }

    /** The generator finished its run and completed sessions: a run whose numbers count. */
    public boolean endedWell() {
        return status == Status.OK;
    }

    /** Failed sessions by cause, under the report's keys; every cause 0 without a report. */
    public static Map<String, Long> failuresOf(LoadReport report) {
        if (report != null) {
            return report.failuresByKey();
        }
        Map<String, Long> none = new LinkedHashMap<>();
        Outcome.failures().forEach(cause -> none.put(cause.key(), 0L));
        return none;
    }

    /** A figure with three decimals, as results.json keeps them. */
    public static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
