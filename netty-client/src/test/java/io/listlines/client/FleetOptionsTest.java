package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options for a fleet of generators: {@code load --start-at} and {@code --histogram-log}, and {@code merge}. */
class FleetOptionsTest {
    @TempDir
    Path dir;

    @Test
    void startAtTakesAnIsoInstantOrEpochMilliseconds() {
        assertEquals(Instant.parse("2026-12-07T15:00:00Z"), LoadCommand.parseStartAt("2026-12-07T15:00:00Z"));
        assertEquals(Instant.parse("2026-12-07T15:00:00Z"), LoadCommand.parseStartAt("1796655600000"));
        assertEquals(Instant.parse("2026-12-07T15:00:00Z"), LoadCommand.parseStartAt("2026-12-07T16:00:00+01:00"));
    }

    @Test
    void aStartMoreThanADayAwayIsATypo() {
        ClientRun r = ClientRun.of("load", "--start-at", "99999999999999999", "--no-progress");
        assertEquals(2, r.status());
        assertTrue(
                r.err().strip().endsWith("is more than a day away; give the instant the run should begin."), r.err());
    }

    @Test
    void theFleetOptionsParse() {
        CommandLine cli = new CommandLine(new NettyClientCommand());
        CommandLine.ParseResult parsed = cli.parseArgs(
                "load", "--start-at", "2026-12-07T15:00:00Z", "--histogram-log", "run.hlog", "--json", "run.json");
        LoadCommand load = (LoadCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals("2026-12-07T15:00:00Z", load.startAt);
        assertEquals(Path.of("run.hlog"), load.histogramLog);

        parsed = new CommandLine(new NettyClientCommand()).parseArgs("merge", "--json", "all.json", "a.json", "b.json");
        MergeCommand merge = (MergeCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(Path.of("all.json"), merge.json);
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), merge.files);
    }

    @Test
    void theRunBeginsNotBeforeStartAtToTheMicrosecond() throws Exception {
        // --start-at is whole milliseconds; a wait that stopped with less than one left began early
        for (int i = 0; i < 20; i++) {
            Instant begin = Instant.now().plusMillis(3).truncatedTo(ChronoUnit.MILLIS);
            LoadCommand.waitUntil(begin);
            Instant now = Instant.now();
            assertFalse(now.isBefore(begin), now + " is before " + begin);
        }
    }

    @Test
    void metricsLingerNeedsAMetricsPort() {
        ClientRun r = ClientRun.of("load", "--metrics-linger", "5", "--no-progress");
        assertEquals(2, r.status());
        assertEquals(
                "--metrics-linger needs --metrics-port: there is no endpoint to keep up.",
                r.err().strip());
    }

    @Test
    void aBadStartAtIsOneSentenceAndStatusTwo() {
        ClientRun r = ClientRun.of("load", "--start-at", "tomorrow", "--no-progress");
        assertEquals(2, r.status());
        assertEquals(
                "--start-at must be an ISO-8601 instant such as 2026-12-07T15:00:00Z or epoch milliseconds, not 'tomorrow'.",
                r.err().strip());
    }

    @Test
    void aHistogramLogWithoutADirectoryIsRefusedBeforeAnythingConnects() {
        ClientRun r = ClientRun.of(
                "load", "--histogram-log", dir.resolve("no/such/dir/run.hlog").toString(), "--no-progress");
        assertEquals(2, r.status());
        assertTrue(r.err().strip().startsWith("--histogram-log "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void mergeAddsTheReportsAndWritesTheMergedJson() throws Exception {
        Path a = write("a.json", report("framed", 1000, 100));
        Path b = write("b.json", report("framed", 3000, 5000));
        Path out = dir.resolve("all.json");

        ClientRun r = ClientRun.of("merge", "--json", out.toString(), a.toString(), b.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("completed   4000 of 4000 started"), r.out());
        assertTrue(
                r.out().contains("merged      2 reports, from 2026-12-07T15:00:00Z to 2026-12-07T15:00:02Z"), r.out());
        LoadReport merged = LoadReport.read(out);
        assertEquals(4000, merged.completed());
        assertEquals(4000, merged.latencyMillis().get(LoadReport.SESSION).count());
        assertEquals(5.0, merged.latencyMillis().get(LoadReport.SESSION).p99(), 0.01, "from the sum: b's values");
    }

    @Test
    void mergeRefusesReportsOfDifferentRunsAndUnreadableOnes() throws Exception {
        Path a = write("a.json", report("framed", 10, 100));
        Path b = write("b.json", report("raw", 10, 100));
        ClientRun r = ClientRun.of("merge", a.toString(), b.toString());
        assertEquals(1, r.status());
        assertEquals(
                "Cannot merge " + b + " with " + a
                        + ": their framing differ (raw and framed), so they were not one run.",
                r.err().strip());

        r = ClientRun.of("merge", a.toString(), dir.resolve("missing.json").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        assertEquals(2, ClientRun.of("merge").status(), "no reports is a bad command line");
    }

    private Path write(String name, LoadReport report) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, report.toJson());
        return file;
    }

    /** A run of {@code sessions} sessions, each taking {@code micros}. */
    private static LoadReport report(String framing, long sessions, long micros) {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (String name : List.of(LoadReport.CONNECT, LoadReport.FIRST_FRAME, LoadReport.SESSION)) {
            Histogram h = new Histogram(LoadGenerator.HIGHEST_MICROS, 3);
            h.recordValueWithCount(micros, sessions);
            histograms.put(name, h);
        }
        Map<String, LoadReport.Latency> latency = new LinkedHashMap<>();
        histograms.forEach((name, h) -> latency.put(name, LoadReport.Latency.of(h)));
        Map<Outcome, Long> failures = new EnumMap<>(Outcome.class);
        Outcome.failures().forEach(cause -> failures.put(cause, 0L));
        return new LoadReport(
                List.of("127.0.0.1:2727"),
                framing,
                "nio",
                "closed",
                10,
                0,
                0,
                sessions,
                0,
                0,
                sessions,
                sessions,
                0,
                failures,
                10,
                1,
                sessions,
                latency,
                20_000,
                "2026-12-07T15:00:00Z",
                sessions > 100 ? "2026-12-07T15:00:02Z" : "2026-12-07T15:00:01Z",
                LoadReport.encode(histograms));
    }
}
