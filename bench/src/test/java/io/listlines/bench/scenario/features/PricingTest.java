package io.listlines.bench.scenario.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of a price: median round, spread, per-round deltas. */
class PricingTest {
    @Test
    void theMedianRoundIsTheMiddleOneByValueLowerOfTwo() {
        assertEquals(2, Pricing.medianRound(List.of(40.0, 44.0, 42.0)));
        assertEquals(0, Pricing.medianRound(List.of(40.0, 44.0, 42.0, 39.0)), "of 40 and 42, the lower");
        assertEquals(0, Pricing.medianRound(List.of(41.0)));
        assertEquals(-1, Pricing.medianRound(List.of()));
    }

    @Test
    void aRoundThatDidNotCountIsLeftOut() {
        assertEquals(2, Pricing.medianRound(Arrays.asList(null, 50.0, 40.0)), "of 40 and 50, the lower");
        assertEquals(-1, Pricing.medianRound(Arrays.asList(null, null)));
    }

    @Test
    void percentOverTheBase() {
        assertEquals(10.0, Pricing.percentOver(44, 40), 1e-9);
        assertEquals(-5.0, Pricing.percentOver(38, 40), 1e-9);
        assertEquals(0.0, Pricing.percentOver(38, 0), "no base, no price");
    }

    @Test
    void theSpreadIsTheRangeOverTheMedian() {
        assertEquals(10.0, Pricing.spreadPercent(List.of(42.0, 40.0, 38.0)), 1e-9);
        assertEquals(10.0, Pricing.spreadPercent(Arrays.asList(42.0, null, 40.0, 38.0, null)), 1e-9);
        assertEquals(0.0, Pricing.spreadPercent(Arrays.asList(42.0, null)), "one round: no spread");
    }

    @Test
    void eachRoundIsPricedAgainstTheDefaultInTheSameRound() {
        assertEquals(
                Arrays.asList(10.0, -2.5, null, null),
                Pricing.roundDeltasPercent(Arrays.asList(44.0, 39.0, null, 41.0), Arrays.asList(40.0, 40.0, 40.0)));
    }
}
