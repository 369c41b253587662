package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.analysis.Verdict;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Json;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.SampleSettings;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.Target;
import io.listlines.bench.model.YardstickResult;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** results.json reads back as the run wrote it, and --redraw draws the report again from it alone. */
class RedrawTest {
    @TempDir
    Path dir;

    private static final Run RUN =
            new Run(Status.OK, null, 1000, 0, Map.of("timeout", 0L), 1.5, 2 << 20, 17, 10, 1, 0.2, "0 0 0", 3.5, null);
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
                Results.SCHEMA_VERSION,
                "2026-12-03T08:00:00Z",
                true,
                60,
                MachineProbe.describe(BenchCommand.javaCommand(), List.of("epoll", "nio")),
                SampleSettings.QUICK,
                List.of(model),
                GeneratorVsC.notMeasured("not here", "netty-nio", 1000),
                YardstickResult.notMeasured("no gcc").withHeld(heldLevels.isEmpty() ? List.of() : List.of(held)),
                List.of(new YardstickResult(
                        "nio",
                        Status.OK,
                        null,
                        List.of("java", "-jar", "bare-netty.jar"),
                        List.of(BurstResult.of(100, 1000, run)),
                        heldLevels.isEmpty() ? List.of() : List.of(held))),
                List.of(StartupResult.of(
                        "netty-server", "bin/netty-server --port 0", "logs Listening", List.of(700L, 500L, 600L))),
                List.of(),
                new RawResult(RawPlan.quickRun(), null, List.of(model)),
                List.of(new Target("a target", Targets.MET, "numbers")),
                List.of("a note"),
                Map.of("prepare", 1.5, "burst", 20.25),
                List.of("a note"),
                Map.of());
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
    void resultsJsonOfVersionTwoReadsWithoutBareNettyOrGcPauses() throws Exception {
        ObjectNode json = Json.MAPPER.valueToTree(results());
        json.remove("bareNetty");
        ((ObjectNode) json.path("cServer")).remove("transport");
        ((ObjectNode) json.path("models").path(0).path("held").path(0)).remove("longestGcPauseMillis");
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), json);
        Results read = Json.readResults(dir.resolve("results.json"));
        assertEquals(List.of(), read.bareNetty());
        assertEquals(YardstickResult.C_SERVER, read.cServer().name());
        assertEquals(null, read.models().getFirst().held().getFirst().run().longestGcPauseMillis());
        String md = MarkdownReport.render(Verdict.of(read));
        assertTrue(md.contains("## Held") && md.contains("| - |"), "a figure not measured is a dash: " + md);
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
    void redrawEvaluatesTheTargetsAndNotesAgain() throws Exception {
        Results written = results().withVerdict(List.of(new Target("a target of old", Targets.MET, "n")), List.of());
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), written);
        int status = new CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream())))
                .execute("--redraw", dir.toString());
        assertEquals(0, status);
        Results redrawn = Json.readResults(dir.resolve("results.json"));
        assertTrue(
                redrawn.targets().stream().noneMatch(t -> t.name().equals("a target of old")),
                redrawn.targets().toString());
        assertEquals(Verdict.of(written).targets(), redrawn.targets());
        assertTrue(redrawn.notes().contains("a note"), "the run's own notes stay: " + redrawn.notes());
        assertEquals(Map.of("prepare", 1.5, "burst", 20.25), redrawn.phaseSeconds());
        assertEquals(Results.SCHEMA_VERSION, redrawn.schemaVersion());
    }

    /** docs/bench is a committed full run's output, written before results.json had a schemaVersion: it still redraws. */
    @Test
    void theCommittedFullRunRedrawsWithTheSameTables() throws Exception {
        Path committed = BenchTestKit.projectRoot().resolve("docs/bench");
        Assumptions.assumeTrue(Files.isRegularFile(committed.resolve("results.json")), "no docs/bench here");
        Files.copy(committed.resolve("results.json"), dir.resolve("results.json"));
        int status = new CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream())))
                .execute("--redraw", dir.toString());
        assertEquals(0, status);
        List<String> before = tableRows(Files.readString(committed.resolve("results.md")));
        List<String> after = tableRows(Files.readString(dir.resolve("results.md")));
        assertEquals(before, after);
        Results redrawn = Json.readResults(dir.resolve("results.json"));
        assertEquals(Results.SCHEMA_VERSION, redrawn.schemaVersion());
    }

    /** The rows of every table in a results.md, in order. */
    private static List<String> tableRows(String md) {
        return md.lines().filter(l -> l.startsWith("|")).toList();
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
