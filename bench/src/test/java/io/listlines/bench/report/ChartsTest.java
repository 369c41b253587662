package io.listlines.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.scenario.Scenarios;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts draw a model that did not serve a level (no bar, a cross off its line) as well as one that did. */
class ChartsTest {
    @TempDir
    static Path dir;

    /** {@code level} with every client open at once and {@code failed} sessions failed. */
    private static HeldResult held(int level, long failed, long peakRss, int peakThreads) {
        Run run = new Run(
                Status.OK, null, level, failed, Map.of(), 1, peakRss, peakThreads, 10, 1, 0, "0 0 0", null, null);
        long idleRss = 40L << 20;
        double perConnection = (double) (peakRss - idleRss) / level;
        return new HeldResult(
                level, 1000, 0, 10, level, level, idleRss, 20, 30, 30 + level, perConnection, List.of(), run);
    }

    private static ModelResult model(String name, List<HeldResult> held) {
        BurstResult burst = BurstResult.of(
                100, 1000, new Run(Status.OK, null, 1000, 0, Map.of(), 1, 1, 1, 1, 1, 0, "", null, null));
        List<RateResult> offered = List.of(
                RateResult.of(1000, new Run(Status.OK, null, 10_000, 0, Map.of(), 1, 1, 1, 10, 1, 0, "", null, null)));
        return new ModelResult(name, "test", name, true, null, List.of(), List.of(burst), held, offered);
    }

    @Test
    void everyChartIsDrawnWhenALevelWasNotHeld() throws IOException {
        ModelResult served = model("netty-nio", List.of(held(1000, 0, 60L << 20, 20), held(5000, 0, 70L << 20, 20)));
        ModelResult waitingRoom = model("pool-2", List.of(held(1000, 998, 45L << 20, 22)));
        Results results = new Results(
                Results.SCHEMA_VERSION,
                "now",
                true,
                1,
                null,
                new Settings(
                        Plan.quickRun().with(null, List.of(1000, 5000), null, null),
                        "",
                        List.of(),
                        List.of(),
                        "",
                        List.of(),
                        List.of(),
                        "",
                        ""),
                List.of(served, waitingRoom),
                null,
                YardstickResult.notMeasured("not here")
                        .withHeld(List.of(held(1000, 0, 41L << 20, 1), held(5000, 0, 45L << 20, 1))),
                List.of(YardstickResult.notMeasured("nio", "not here")
                        .withHeld(List.of(held(1000, 0, 58L << 20, 20), held(5000, 0, 66L << 20, 20)))),
                List.of(),
                List.of(),
                new RawResult(RawPlan.quickRun(), null, List.of(served, waitingRoom)),
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of());
        assertTrue(served.held().stream().allMatch(HeldResult::heldAll));
        assertFalse(waitingRoom.held().getFirst().heldAll(), "sessions failed: not held");
        List<Path> files = Charts.write(Scenarios.charts(results), dir);
        assertEquals(10, files.size(), "the framed scenarios' seven and the raw race's three");
        for (Path png : files) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " is a PNG");
            assertEquals(1100, image.getWidth());
        }
    }
}
