package io.listlines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several generators' reports as one, as the bench's {@code --processes} runs take them. */
class LoadReportMergeTest {
    @Test
    void countsAndRatesAddUpDurationsAreTheLongestAndEachPercentileTheSlowest() {
        LoadReport a = LoadReportJsonTest.report();
        LoadReport.Latency slow = new LoadReport.Latency(9, 19, 29, 39, 49, 10);
        LoadReport b = new LoadReport(
                List.of("127.0.0.1:2727"),
                a.framing(),
                a.transport(),
                a.mode(),
                50,
                2.5,
                a.thinkMillis(),
                10,
                60,
                20,
                10,
                9,
                1,
                a.failures(),
                40,
                9.5,
                1.0,
                Map.of(LoadReport.SESSION, slow),
                100);

        LoadReport both = LoadReport.merge(List.of(a, b));

        assertEquals(List.of("127.0.0.1:2727", "[::1]:2728"), both.targets());
        assertEquals(150, both.concurrency());
        assertEquals(2.5, both.rate());
        assertEquals(50_010, both.sessionsRequested());
        assertEquals(300, both.durationSeconds());
        assertEquals(20, both.warmupSeconds());
        assertEquals(118_536, both.started());
        assertEquals(50_009, both.completed());
        assertEquals(16, both.failed());
        assertEquals(140, both.peakOpen(), "each generator's peak: they hold together");
        assertEquals(9.5, both.elapsedSeconds());
        assertEquals(11_949.80149, both.sessionsPerSecond(), 1e-9);
        assertEquals(100, both.openFileLimit(), "the lowest");
        assertEquals(2 * a.failures().get(Outcome.RESET), both.failures().get(Outcome.RESET));
        LoadReport.Latency session = both.latencyMillis().get(LoadReport.SESSION);
        assertEquals(
                new LoadReport.Latency(9, 19, 29, 39, 49, 50_010), session, "the slower of each, the counts summed");
        assertEquals(
                a.latencyMillis().get(LoadReport.CONNECT), both.latencyMillis().get(LoadReport.CONNECT));
    }

    @Test
    void oneReportIsItself() {
        LoadReport a = LoadReportJsonTest.report();
        assertSame(a, LoadReport.merge(List.of(a)));
    }
}
