package io.listlines.bench.scenario.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A variant's rounds priced against the default's. */
class FeatureCostTest {
    /** A burst of 1,000 sessions whose server used {@code cpuMillisPer1000} ms, at {@code rate} sessions/s. */
    private static BurstResult round(Status status, double rate, double cpuMillisPer1000) {
        Run run = new Run(status, null, 1000, 0, Map.of(), cpuMillisPer1000 / 1000, 0, 0, 0, 0, 0, "0 0 0", null, null);
        return new BurstResult(
                100, 1000, 1000, rate, List.of(rate), List.of(0L), 1, 2, cpuMillisPer1000 / 1000, 0, run);
    }

    private static final List<BurstResult> DEFAULT =
            List.of(round(Status.OK, 15_000, 40), round(Status.OK, 14_000, 42), round(Status.OK, 16_000, 38));

    @Test
    void theMedianRoundOverTheDefaultsMedianRound() {
        FeatureCost c = FeatureCost.priced(
                Feature.PROXY,
                List.of(round(Status.OK, 12_000, 46), round(Status.OK, 13_000, 44), round(Status.OK, 11_000, 50)),
                DEFAULT,
                0,
                0);
        assertEquals(1, c.medianRound(), "46, the first round, is the middle of 46, 44, 50");
        assertEquals(12_000, c.sessionsPerSecond(), "the median round's");
        assertEquals(46.0, c.serverCpuMillisPer1000Sessions(), 1e-9);
        assertEquals(6.0, c.deltaMillisPer1000Sessions(), 1e-9, "over the default's median, 40");
        assertEquals(15.0, c.deltaPercent(), 1e-9);
        assertEquals(13.0, c.spreadPercent(), 1e-9, "(50 - 44) / 46");
        assertEquals(List.of(15.0, 4.8, 31.6), c.roundDeltasPercent(), "46/40, 44/42, 50/38");
    }

    @Test
    void theDefaultCostsNothingOverItself() {
        FeatureCost c = FeatureCost.priced(Feature.DEFAULT, DEFAULT, DEFAULT, 0, 0);
        assertEquals(1, c.medianRound());
        assertEquals(0.0, c.deltaMillisPer1000Sessions());
        assertEquals(0.0, c.deltaPercent());
        assertEquals(List.of(0.0, 0.0, 0.0), c.roundDeltasPercent());
    }

    @Test
    void roundsThatEndedBadlyArePricedAsNothing() {
        FeatureCost c = FeatureCost.priced(
                Feature.METRICS,
                List.of(round(Status.SERVER_DOWN, 0, 0), round(Status.OK, 14_000, 41), round(Status.OVERRUN, 0, 0)),
                DEFAULT,
                3,
                0);
        assertEquals(2, c.medianRound(), "the one round that ended well");
        assertEquals(2.5, c.deltaPercent(), 1e-9, "41 over 40");
        assertEquals(Arrays.asList(null, -2.4, null), c.roundDeltasPercent());
        assertEquals(0.0, c.spreadPercent(), "one round that counted: no spread");
        assertEquals(3, c.scrapes());

        FeatureCost none = FeatureCost.priced(Feature.METRICS, List.of(round(Status.SERVER_DOWN, 0, 0)), DEFAULT, 0, 0);
        assertEquals(0, none.medianRound());
        assertEquals(0.0, none.deltaPercent(), "not measured: no price");
        assertEquals(Status.SERVER_DOWN, none.medianBurst().run().status(), "the first round stands for it");
    }
}
