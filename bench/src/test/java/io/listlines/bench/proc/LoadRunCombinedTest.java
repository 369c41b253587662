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
import org.junit.jupiter.api.Test;

/** Several generators' runs taken as one, as a {@code --processes} held level reads them. */
class LoadRunCombinedTest {
    @Test
    void countsAddUpAndEachPercentileIsTheSlowestGenerators() {
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
        LoadReport.Latency session = r.latencyMillis().get(LoadReport.SESSION);
        assertEquals(200, session.p99());
        assertEquals(7.0, session.p50());
        assertEquals(18_999, session.count());
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
        LoadReport.Latency latency = new LoadReport.Latency(p50, p50, p99, p99, p99, completed);
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
                Map.of(LoadReport.SESSION, latency),
                20_000);
    }
}
