package io.listlines.bench.scenario.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How a variant's rounds become its price: the median round, the difference from the default's median
 * round, and what the rounds say about noise. Each figure is a list by round, in the order the rounds
 * ran, with null for a round that did not end well (it neither decides a figure nor widens a spread).
 */
final class Pricing {
    private Pricing() {}

    /**
     * The index of the median round by {@code values} (the lower of the middle two when they are even, as the
     * burst scenario takes its median), or -1 when no round counts.
     */
    static int medianRound(List<Double> values) {
        List<Integer> counted = IntStream.range(0, values.size())
                .filter(i -> values.get(i) != null)
                .boxed()
                .sorted(Comparator.comparingDouble(values::get))
                .toList();
        return counted.isEmpty() ? -1 : counted.get((counted.size() - 1) / 2);
    }

    /** {@code value} over {@code base} in percent above it (negative: below); 0 without a base. */
    static double percentOver(double value, double base) {
        return base > 0 ? (value - base) / base * 100 : 0;
    }

    /**
     * Highest minus lowest of the rounds that counted, in percent of the median one: how far rounds of the
     * same server apart in time differ. 0 with fewer than two.
     */
    static double spreadPercent(List<Double> values) {
        List<Double> counted = values.stream().filter(Objects::nonNull).toList();
        if (counted.size() < 2) {
            return 0;
        }
        double median = values.get(medianRound(values));
        double max = counted.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = counted.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return median > 0 ? (max - min) / median * 100 : 0;
    }

    /**
     * Round by round, {@code variant}'s value over the default's in the same round, in percent: each pair ran
     * minutes apart at most, so the drift of the shared machine falls on both; null where either round did
     * not count. Deltas of both signs say the difference is within the noise.
     */
    static List<Double> roundDeltasPercent(List<Double> variant, List<Double> base) {
        List<Double> deltas = new ArrayList<>();
        for (int i = 0; i < variant.size(); i++) {
            Double v = variant.get(i);
            Double b = i < base.size() ? base.get(i) : null;
            deltas.add(v == null || b == null || b <= 0 ? null : round1(percentOver(v, b)));
        }
        return deltas;
    }

    /** A figure with one decimal. */
    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
