package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Several generators' runs taken as one, as a {@code --processes} held level reads them. */
class LoadRunCombinedTest {
    @Test
    void countsAddUpAndThePercentilesAreThoseOfTheHistogramsAdded() {
        LoadRun.Outcome a = outcome(0, report(9500, 9500, 0, 100, 5.0, 0), 3.0);
        LoadRun.Outcome b = outcome(1, report(9500, 9499, 1, 200, 7.0, 1), 4.0);

        LoadRun.Outcome both = LoadRun.combined(List.of(a, b));

        assertEquals(1, both.exitStatus(), "some failed: the worse of 0 and 1");
        assertEquals(7.0, both.cpuSeconds());
        LoadReport r = both.report();
        assertNotNull(r);
        assertEquals(19_000, r.concurrency());
        assertEquals(18_999, r.completed());
        assertEquals(1, r.failed());
        assertEquals(19_000, r.peakOpen());
        assertEquals(List.of("127.0.0.1:2727"), r.targets());
        Histogram all = a.report().decodedHistograms().get(LoadReport.SESSION);
        all.add(b.report().decodedHistograms().get(LoadReport.SESSION));
        LoadReport.Latency session = r.latencyMillis().get(LoadReport.SESSION);
        assertEquals(LoadReport.Latency.of(all), session);
        assertEquals(18_999, session.count());
        assertTrue(session.p99() < 200, "not the slowest generator's p99: " + session.p99());
        assertEquals(1L, r.failures().get(Outcome.failures().getFirst()));
    }

    @Test
    void aKilledGeneratorMakesTheRunKilledAndOneWithoutAReportLeavesNoReport() {
        LoadRun.Outcome ok = outcome(0, report(10, 10, 0, 1, 1, 0), 1);
        LoadRun.Outcome killed = new LoadRun.Outcome(-1, true, null, "killed", 9, 1);

        LoadRun.Outcome both = LoadRun.combined(List.of(ok, killed));

        assertEquals(-1, both.exitStatus());
        assertTrue(both.overran());
        assertNull(both.report());
        assertTrue(both.error().startsWith("generator 2 of 2: "), both.error());
    }

    @Test
    void reportsWithoutHistogramsAreRefusedNotApproximated() {
        LoadReport old = report(10, 10, 0, 1, 1, 0);
        LoadReport withoutHistograms = new LoadReport(
                old.targets(),
                old.framing(),
                old.transport(),
                old.mode(),
                old.concurrency(),
                old.rate(),
                old.thinkMillis(),
                old.sessionsRequested(),
                old.durationSeconds(),
                old.warmupSeconds(),
                old.started(),
                old.completed(),
                old.failed(),
                old.failures(),
                old.peakOpen(),
                old.elapsedSeconds(),
                old.sessionsPerSecond(),
                old.latencyMillis(),
                old.openFileLimit(),
                "",
                "",
                Map.of());

        LoadRun.Outcome both = LoadRun.combined(List.of(outcome(0, old, 1), outcome(0, withoutHistograms, 1)));

        assertNull(both.report());
        assertTrue(both.error().contains("has no histograms"), both.error());
    }

    @Test
    void oneGeneratorIsItsOwnRun() {
        LoadRun.Outcome one = outcome(0, report(10, 10, 0, 1, 1, 0), 1);
        assertSame(one, LoadRun.combined(List.of(one)));
    }

    private static LoadRun.Outcome outcome(int status, LoadReport report, double cpu) {
        return new LoadRun.Outcome(status, false, report, null, 30, cpu);
    }

    private static LoadReport report(int open, long completed, long failed, double p99, double p50, long failedFirst) {
        Map<Outcome, Long> failures = new LinkedHashMap<>();
        Outcome.failures().forEach(cause -> failures.put(cause, 0L));
        failures.put(Outcome.failures().getFirst(), failedFirst);
        // 98 in 100 sessions at p50, the rest at p99 (in milliseconds)
        Histogram micros = new Histogram(3_600_000_000L, 3);
        micros.recordValueWithCount((long) (p50 * 1000), completed - completed / 50);
        micros.recordValueWithCount((long) (p99 * 1000), completed / 50);
        return new LoadReport(
                List.of("127.0.0.1:2727"),
                "framed",
                "io_uring",
                "held",
                open,
                open / 10.0,
                1000,
                0,
                20,
                0,
                completed + failed,
                completed,
                failed,
                failures,
                open,
                31,
                completed / 31.0,
                Map.of(LoadReport.SESSION, LoadReport.Latency.of(micros)),
                20_000,
                "",
                "",
                LoadReport.encode(Map.of(LoadReport.SESSION, micros)));
    }
}
