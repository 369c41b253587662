package io.listlines.bench.scenario.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a burst's rounds become one figure. */
class BurstMedianTest {
    private static BurstResult round(Status status, double rate, long failed) {
        Run run = new Run(status, null, 1000 - failed, failed, Map.of(), 0, 0, 0, 0, 0, 0, "0 0 0", null, null);
        return new BurstResult(100, 1000, 1000, rate, List.of(rate), List.of(failed), 1, 2, 0, 0, run);
    }

    @Test
    void theMedianRoundStandsForAllWithEveryRoundBesideIt() {
        BurstResult m =
                BurstPhase.median(List.of(round(Status.OK, 10, 0), round(Status.OK, 30, 2), round(Status.OK, 20, 0)));
        assertEquals(20, m.sessionsPerSecond());
        assertEquals(List.of(10.0, 30.0, 20.0), m.roundsSessionsPerSecond());
        assertEquals(List.of(0L, 2L, 0L), m.roundsFailed(), "failures of a round that is not the median are kept");
    }

    @Test
    void aRoundThatEndedBadlyDoesNotDecideTheFigure() {
        BurstResult m = BurstPhase.median(
                List.of(round(Status.OK, 10, 0), round(Status.OVERRUN, 0, 0), round(Status.OK, 20, 0)));
        assertEquals(Status.OK, m.run().status());
        assertEquals(10, m.sessionsPerSecond(), "of two good rounds, the lower");
    }

    @Test
    void withNoGoodRoundTheFirstIsReported() {
        BurstResult m = BurstPhase.median(List.of(round(Status.SERVER_DOWN, 0, 0), round(Status.ERROR, 0, 0)));
        assertEquals(Status.SERVER_DOWN, m.run().status());
    }
}
