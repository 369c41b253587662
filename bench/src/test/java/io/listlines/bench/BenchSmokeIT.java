package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.Json;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.report.Charts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench end to end in seconds, for the fast tier: one scenario of one model, quick, against the
 * reactor's jars, then drawn again from its results.json. {@link BenchQuickIT} (slow tier) runs them all.
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
}
