package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.listlines.bench.Results.BurstResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a burst's rounds become one figure. */
class BurstMedianTest {
    private static BurstResult round(String status, double rate, long failed) {
        return new BurstResult(100, status, null, 1000, 1000, 1000 - failed, failed, Map.of(), rate, List.of(rate),
                List.of(failed), 1, 2, 0, 0, 0, 0, 0, 0, 0, "0 0 0", null);
    }

    @Test
    void theMedianRoundStandsForAllWithEveryRoundBesideIt() {
        BurstResult m = Harness.median(List.of(round(Results.OK, 10, 0), round(Results.OK, 30, 2), round(Results.OK, 20, 0)));
        assertEquals(20, m.sessionsPerSecond());
        assertEquals(List.of(10.0, 30.0, 20.0), m.roundsSessionsPerSecond());
        assertEquals(List.of(0L, 2L, 0L), m.roundsFailed(), "failures of a round that is not the median are kept");
    }

    @Test
    void aRoundThatEndedBadlyDoesNotDecideTheFigure() {
        BurstResult m = Harness.median(List.of(round(Results.OK, 10, 0), round(Results.OVERRUN, 0, 0), round(Results.OK, 20, 0)));
        assertEquals(Results.OK, m.status());
        assertEquals(10, m.sessionsPerSecond(), "of two good rounds, the lower");
    }

    @Test
    void withNoGoodRoundTheFirstIsReported() {
        BurstResult m = Harness.median(List.of(round(Results.SERVER_DOWN, 0, 0), round(Results.ERROR, 0, 0)));
        assertEquals(Results.SERVER_DOWN, m.status());
    }
}
