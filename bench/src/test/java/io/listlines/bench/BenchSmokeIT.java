package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.Json;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.report.Charts;
import io.listlines.bench.scenario.features.FeatureCost;
import io.listlines.bench.scenario.features.FeaturesResult;
import io.listlines.bench.scenario.features.FeaturesScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench end to end in seconds: one scenario of one model, quick, against the reactor's jars, then
 * drawn again from its results.json; and the features scenario, quick, the same way. {@link BenchQuickIT} (slow tier) runs them all.
 */
// Slow tier: it starts the bench, which starts a server and the generator; the bench's unit tests are in the fast one.
@Tag("slow")
class BenchSmokeIT {
    @Test
    void oneQuickBurstIsRunReportedAndRedrawn(@TempDir Path out) throws Exception {
        BenchTestKit.runBench(out, "--quick", "--scenarios", "burst", "--models", "virtual", "--no-c-client");

        Results results = Json.readResults(out.resolve("results.json"));
        assertEquals(Results.SCHEMA_VERSION, results.schemaVersion());
        assertEquals(
                List.of("prepare", "burst"), List.copyOf(results.phaseSeconds().keySet()));
        ModelResult virtual = results.modelsRun().getFirst();
        assertEquals("virtual", virtual.name());
        assertEquals(2, virtual.burst().size(), "the quick plan's two concurrencies");
        assertTrue(
                virtual.burst().stream().allMatch(b -> b.run().generator() != null), "read from the generator's JSON");
        assertTrue(Files.size(out.resolve(Charts.SESSIONS_PER_SECOND)) > 0);

        String md = Files.readString(out.resolve("results.md"));
        Files.delete(out.resolve("results.md"));
        BenchTestKit.runBench(out, "--redraw", out.toString());
        assertEquals(md, Files.readString(out.resolve("results.md")), "a redraw writes what the run wrote");
    }

    @Test
    void theFeaturesScenarioPricesEveryFlagAndRedraws(@TempDir Path out) throws Exception {
        BenchTestKit.runBench(out, "--quick", "--scenarios", "features", "--models", "netty-nio", "--no-c-client");

        Results results = Json.readResults(out.resolve("results.json"));
        FeaturesResult features =
                results.scenarioResult("features", FeaturesResult.class).orElseThrow();
        assertEquals("netty-nio", features.model());
        assertEquals(
                List.of("default", "all of them"),
                features.variants().stream().map(v -> v.feature().name()).toList());
        for (FeatureCost variant : features.variants()) {
            assertEquals(1, variant.medianRound(), variant.feature().name() + ": its one round ended well");
            assertTrue(
                    variant.serverCpuMillisPer1000Sessions() > 0,
                    variant.feature().name());
        }
        assertTrue(features.variants().get(1).scrapes() > 0, "all of them: /metrics answered while it ran");
        assertTrue(Files.size(out.resolve(FeaturesScenario.CHART)) > 0);

        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("## What each feature costs"));
        Files.delete(out.resolve("results.md"));
        BenchTestKit.runBench(out, "--redraw", out.toString());
        assertEquals(md, Files.readString(out.resolve("results.md")), "a redraw writes what the run wrote");
    }
}
