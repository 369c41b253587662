package io.listlines.bench.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.report.LoadReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a model stops keeping up with an offered rate: the knee of its latency curve. */
class RateResultTest {
    private static RateResult at(int offered, double completedPerSecond, double p99Millis, long failed) {
        long completed = Math.round(completedPerSecond * 10);
        LoadReport report = new LoadReport(
                List.of("127.0.0.1:2727"),
                "framed",
                "nio",
                "open",
                1000,
                offered,
                0,
                0,
                15,
                5,
                completed + failed,
                completed,
                failed,
                Map.of(),
                100,
                10,
                completedPerSecond,
                Map.of(LoadReport.SESSION, new LoadReport.Latency(1, 2, p99Millis, p99Millis, p99Millis, completed)),
                20_000,
                "",
                "",
                Map.of());
        Run run = new Run(Status.OK, null, completed, failed, Map.of(), 1, 1, 1, 15, 1, 0, "", null, report);
        return RateResult.of(offered, run);
    }

    @Test
    void aServerThatCompletesTheRateWithinMillisecondsKeepsUp() {
        assertFalse(at(8000, 7998, 26.7, 0).saturated());
    }

    @Test
    void completingTheRateButLaterAndLaterIsTheKnee() {
        // measured: 10,000 offered, 9,999 completed a second, p99 1.4 s as the queue grew
        assertTrue(at(10_000, 9999, 1420, 0).saturated());
    }

    @Test
    void fallingBehindTheRateOrFailingSessionsIsTheKnee() {
        assertTrue(at(14_000, 9650, 50, 0).saturated());
        assertTrue(at(2000, 2000, 5, 25).saturated(), "more than one session in 1,000 failed");
        assertFalse(at(2000, 2000, 5, 1).saturated(), "one in 20,000 is noise, not saturation");
    }
}
