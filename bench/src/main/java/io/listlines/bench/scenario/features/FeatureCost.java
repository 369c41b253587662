package io.listlines.bench.scenario.features;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One variant's bursts and its price over the default (results.json: {@code scenarioResults.features.variants}).
 * The figures are its median round's by server CPU per 1,000 sessions, the rounds that did not end well left
 * out; with none that did, the figures are 0 and {@code medianRound} is 0.
 *
 * @param feature                        what the variant turns on
 * @param rounds                         every round's burst, in the order the rounds ran
 * @param medianRound                    the median round's number (1 is the first); 0: none ended well
 * @param sessionsPerSecond              the median round's
 * @param serverCpuMillisPer1000Sessions the median round's server CPU, in ms per 1,000 sessions (µs a session)
 * @param spreadPercent                  the highest round's CPU minus the lowest's, in percent of the median
 * @param deltaMillisPer1000Sessions     the median CPU minus the default's median, ms per 1,000 sessions
 * @param deltaPercent                   that, in percent of the default's
 * @param roundDeltasPercent             each round's CPU over the default's in the same round, in percent
 *                                       (null where either did not end well)
 * @param scrapes                        {@code /metrics} fetches that answered 200 during its bursts
 * @param scrapesFailed                  fetches that did not
 */
public record FeatureCost(
        Feature feature,
        List<BurstResult> rounds,
        int medianRound,
        double sessionsPerSecond,
        double serverCpuMillisPer1000Sessions,
        double spreadPercent,
        double deltaMillisPer1000Sessions,
        double deltaPercent,
        List<Double> roundDeltasPercent,
        long scrapes,
        long scrapesFailed) {

    public FeatureCost {
        rounds = List.copyOf(rounds);
        roundDeltasPercent = Collections.unmodifiableList(new ArrayList<>(roundDeltasPercent));
    }

    /**
     * Each round's server CPU in ms per 1,000 sessions, null for a round that did not end well: from the
     * run's CPU-seconds and sessions, as the burst's own figure is, but not rounded to a millisecond, a few
     * percent of the figures here.
     */
    static List<Double> cpuByRound(List<BurstResult> rounds) {
        return rounds.stream()
                .map(b -> b.endedWell() ? cpuMillisPer1000(b) : null)
                .toList();
    }

    private static Double cpuMillisPer1000(BurstResult b) {
        long sessions = b.sessionsRun() - b.run().failed();
        return sessions > 0 ? b.run().serverCpuSeconds() / sessions * 1_000_000 : null;
    }

    /**
     * {@code feature}'s {@code rounds} priced against the default's ({@code base}, the default's own rounds for
     * the default itself), with the metrics scraper's counts.
     */
    static FeatureCost priced(
            Feature feature, List<BurstResult> rounds, List<BurstResult> base, long scrapes, long scrapesFailed) {
        List<Double> cpu = cpuByRound(rounds);
        List<Double> baseCpu = cpuByRound(base);
        int median = Pricing.medianRound(cpu);
        int baseMedian = Pricing.medianRound(baseCpu);
        double value = median < 0 ? 0 : cpu.get(median);
        double baseValue = baseMedian < 0 ? 0 : baseCpu.get(baseMedian);
        boolean comparable = median >= 0 && baseMedian >= 0;
        return new FeatureCost(
                feature,
                rounds,
                median + 1,
                median < 0 ? 0 : rounds.get(median).sessionsPerSecond(),
                Run.round3(value),
                Pricing.round1(Pricing.spreadPercent(cpu)),
                comparable ? Run.round3(value - baseValue) : 0,
                comparable ? Pricing.round1(Pricing.percentOver(value, baseValue)) : 0,
                Pricing.roundDeltasPercent(cpu, baseCpu),
                scrapes,
                scrapesFailed);
    }

    /** The median round's burst, or the first round's when none ended well. */
    BurstResult medianBurst() {
        return rounds.get(Math.max(0, medianRound - 1));
    }
}
