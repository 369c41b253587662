package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CServerResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Json;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.Target;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.MachineProbe;
import io.listlines.bench.report.Charts;
import io.listlines.bench.report.MarkdownReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** results.json reads back as the run wrote it, and --redraw draws the report again from it alone. */
class RedrawTest {
    @TempDir
    Path dir;

    private static final Run RUN =
            new Run(Status.OK, null, 1000, 0, Map.of("timeout", 0L), 1.5, 2 << 20, 17, 10, 1, 0.2, "0 0 0", null);
    private static final HeldResult HELD =
            new HeldResult(1000, 1000, 105, 20, 1000, 1000, 1 << 20, 17, 30, 1030, 2900, List.of(), RUN);

    private static Results results() {
        return results(List.of(HELD), List.of(RateResult.of(1000, RUN)));
    }

    private static Results results(List<HeldResult> heldLevels, List<RateResult> offered) {
        Run run = RUN;
        HeldResult held = HELD;
        ModelResult model = new ModelResult(
                "netty-nio",
                "netty",
                "Netty, NIO",
                true,
                null,
                List.of("java", "-jar", "netty-server.jar"),
                List.of(BurstResult.of(100, 1000, run)),
                heldLevels,
                offered);
        return new Results(
                "2026-12-03T08:00:00Z",
                true,
                60,
                MachineProbe.describe(BenchCommand.javaCommand(), List.of("epoll", "nio")),
                new Settings(
                        Plan.quickRun(),
                        "load generator",
                        List.of("burst"),
                        List.of(),
                        "java",
                        List.of(),
                        List.of("-XX:+UseSerialGC"),
                        "/r",
                        "/o"),
                List.of(model),
                GeneratorVsC.notMeasured("not here", "netty-nio", 1000),
                CServerResult.notMeasured("no gcc").withHeld(heldLevels.isEmpty() ? List.of() : List.of(held)),
                List.of(StartupResult.of(
                        "netty-server", "bin/netty-server --port 0", "logs Listening", List.of(700L, 500L, 600L))),
                List.of(),
                new RawResult(RawPlan.quickRun(), null, List.of(model)),
                List.of(new Target("a target", Targets.MET, "numbers")),
                List.of("a note"));
    }

    @Test
    void resultsJsonReadsBackAsWritten() throws Exception {
        Results written = results();
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), written);
        assertEquals(written, Json.readResults(dir.resolve("results.json")));
    }

    @Test
    void resultsJsonWrittenBeforeTheRawRaceReadsWithoutIt() throws Exception {
        ObjectNode json = Json.MAPPER.valueToTree(results());
        json.remove("raw");
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), json);
        Results read = Json.readResults(dir.resolve("results.json"));
        assertEquals(RawResult.NONE, read.raw());
        assertFalse(MarkdownReport.render(read).contains("## Raw framing"), "no raw section without the race");
    }

    @Test
    void redrawWritesTheReportAndChartsFromResultsJsonAlone() throws Exception {
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), results());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new CommandLine(new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute("--redraw", dir.toString());
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("## Latency against offered load") && md.contains("a note"), md);
        assertTrue(Files.size(dir.resolve(Charts.LATENCY_P99)) > 0);
        assertTrue(md.contains("## Raw framing: the article's own servers in the race"), md);
        assertTrue(Files.size(dir.resolve(Charts.RAW_SESSIONS_PER_SECOND)) > 0);
    }

    @Test
    void aBurstOnlyRunHasNeitherHeldNorOfferedSectionsNorTheirCharts() throws Exception {
        BenchCommand.write(results(List.of(), List.of()), dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("## Burst"), md);
        assertFalse(md.contains("## Held") || md.contains("## Latency against offered load"), md);
        assertFalse(md.contains("(" + Charts.MEMORY) || md.contains("(" + Charts.LATENCY_P99), md);
        assertTrue(Files.exists(dir.resolve(Charts.SESSIONS_PER_SECOND)));
        for (String chart : List.of(Charts.MEMORY, Charts.THREADS, Charts.RSS_PER_CONNECTION, Charts.LATENCY_P50)) {
            assertFalse(Files.exists(dir.resolve(chart)), chart + " drawn for a run without its scenario");
        }
    }

    @Test
    void redrawWithoutResultsJsonIsOneSentence() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(new BenchCommand(System.out)).execute("--redraw", dir.toString());
            assertEquals(1, status);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(text.startsWith("bench: cannot read ") && !text.contains("\n"), text);
    }
}
