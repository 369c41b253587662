package io.listlines.bench.scenario.features;

import io.listlines.bench.model.BurstResult;
import java.util.List;

/**
 * What the features scenario measured (results.json: {@code scenarioResults.features}).
 *
 * @param model            the server model every variant ran (the reference Netty model), or null: none in the run
 * @param concurrency      sessions in flight in each burst
 * @param sessions         measured sessions per burst
 * @param warmupSeconds    the generator's own warm-up inside each burst, run and not counted
 * @param serverWarmup     sessions each server served before its first burst, not measured
 * @param rounds           rounds, each running every variant once
 * @param variants         the default first, then each variant, in the order the first round ran them
 * @param note             why it did not run, or null
 */
public record FeaturesResult(
        String model,
        int concurrency,
        long sessions,
        int warmupSeconds,
        long serverWarmup,
        int rounds,
        List<FeatureCost> variants,
        String note) {

    public FeaturesResult {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /**
     * These results with every variant priced again from its rounds against the default's, as this version of
     * the bench prices them: what the report shows, so that {@code --redraw} reads old results as a run does.
     */
    FeaturesResult repriced() {
        List<BurstResult> base = variants.stream()
                .filter(v -> v.feature().name().equals(Feature.DEFAULT.name()))
                .findFirst()
                .map(FeatureCost::rounds)
                .orElse(List.of());
        return new FeaturesResult(
                model,
                concurrency,
                sessions,
                warmupSeconds,
                serverWarmup,
                rounds,
                variants.stream()
                        .map(v -> FeatureCost.priced(v.feature(), v.rounds(), base, v.scrapes(), v.scrapesFailed()))
                        .toList(),
                note);
    }
}
