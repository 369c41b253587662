package io.listlines.bench.scenario.features;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.Profile;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.burst.BurstPhase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference Netty server once per {@link Feature} variant, all started and warmed up first, then
 * rounds of bursts at concurrency 100 as the burst scenario runs them ({@link BurstPhase#burst}), each
 * round running every variant once and starting one variant later than the round before, so that the
 * shared machine's drift falls on every variant alike. Each variant is priced against the default.
 */
final class FeaturesPhase {
    static final int CONCURRENCY = 100;

    private final Harness harness;
    private final Plan plan;
    private final Profile profile;

    FeaturesPhase(Harness harness) {
        this.harness = harness;
        this.plan = harness.plan();
        this.profile = plan.profile();
    }

    FeaturesResult run() {
        ServerModel model = harness.reference();
        if (model == null) {
            return result(null, List.of(), "no Netty model in this run (--models)");
        }
        List<Feature> variants = Feature.variants(profile.featuresEveryVariant());
        Map<Feature, ServerProcess> servers = new LinkedHashMap<>();
        Map<Feature, Integer> metricsPorts = new LinkedHashMap<>();
        Map<Feature, String> down = new LinkedHashMap<>();
        Map<Feature, List<BurstResult>> rounds = new LinkedHashMap<>();
        Map<Feature, long[]> scrapes = new LinkedHashMap<>();
        try {
            for (Feature v : variants) {
                rounds.put(v, new ArrayList<>());
                scrapes.put(v, new long[2]);
                try {
                    ServerProcess server = harness.start(model, logName(v), v.serverFlags(), v.quiet());
                    servers.put(v, server);
                    if (v.scraped()) {
                        metricsPorts.put(v, MetricsScraper.port(server.log()));
                    }
                    harness.warmUp(
                            name(v),
                            server.port(),
                            plan.serverWarmupSessions(),
                            CONCURRENCY,
                            "features",
                            v.generatorFlags());
                } catch (IOException e) {
                    harness.say("%s: the server did not start: %s", name(v), e.getMessage());
                    down.put(v, "the server did not start: " + e.getMessage());
                }
            }
            int count = profile.featuresRounds();
            for (int round = 1; round <= count; round++) {
                List<Feature> order = new ArrayList<>(variants);
                Collections.rotate(order, -(round - 1));
                for (Feature v : order) {
                    rounds.get(v).add(burst(v, servers.get(v), metricsPorts.get(v), down, scrapes.get(v), round));
                }
            }
        } finally {
            servers.forEach((v, server) -> harness.stop(name(v), server));
        }
        List<BurstResult> base = rounds.get(Feature.DEFAULT);
        List<FeatureCost> costs = new ArrayList<>();
        rounds.forEach((v, runs) -> {
            noteBadRounds(v, runs);
            costs.add(FeatureCost.priced(v, runs, base, scrapes.get(v)[0], scrapes.get(v)[1]));
        });
        return result(model.name(), costs, null);
    }

    private BurstResult burst(
            Feature v,
            ServerProcess server,
            Integer metricsPort,
            Map<Feature, String> down,
            long[] scrapes,
            int round) {
        if (!down.containsKey(v) && !server.isAlive()) {
            down.put(v, "the server process had exited: " + ServerProcess.tail(server.log()));
        }
        if (down.containsKey(v)) {
            return BurstResult.of(
                    CONCURRENCY, plan.burstSessions(), Run.serverDown(down.get(v), ProcSampler.loadAverage()));
        }
        MetricsScraper scraper = metricsPort == null ? null : MetricsScraper.start(metricsPort);
        try {
            return BurstPhase.burst(
                    harness,
                    name(v),
                    server.pid(),
                    server.port(),
                    CONCURRENCY,
                    round,
                    plan.burstSessions(),
                    v.generatorFlags());
        } finally {
            if (scraper != null) {
                scraper.close();
                scrapes[0] += scraper.answered();
                scrapes[1] += scraper.failed();
            }
        }
    }

    private void noteBadRounds(Feature v, List<BurstResult> runs) {
        for (int i = 0; i < runs.size(); i++) {
            BurstResult b = runs.get(i);
            if (!b.endedWell()) {
                harness.note(String.format(
                        Locale.ROOT,
                        "%s, round %d: %s%s; its price is that of the rounds that ended well.",
                        name(v),
                        i + 1,
                        b.run().status(),
                        b.run().error() == null ? "" : ": " + b.run().error()));
            }
        }
    }

    private FeaturesResult result(String model, List<FeatureCost> costs, String note) {
        return new FeaturesResult(
                model,
                CONCURRENCY,
                plan.burstSessions(),
                plan.burstWarmupSeconds(),
                plan.serverWarmupSessions(),
                profile.featuresRounds(),
                costs,
                note);
    }

    /** The variant's name in progress lines, notes and log files: {@code features-per-address-limit}. */
    private static String name(Feature v) {
        return "features-" + v.slug();
    }

    private static String logName(Feature v) {
        return name(v) + "-server.log";
    }
}
