package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientRun;
import io.listlines.core.ListLinesServer;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.protocol.Protocol;
import io.listlines.report.LoadReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code load} runs, as two machines of a fleet would run them (one {@code --start-at}), merged
 * by {@code netty-client merge}: the merged report is exactly the sum of the two, and the interval
 * log of a run holds exactly its report's histogram.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetMergeIT {
    private ListLinesServer server;
    private String target;

    @BeforeEach
    void startServer() {
        server = ServerModels.all().get(0).make().apply(ServerModels.config(Protocol.DEFAULT_LIST, 30, true));
        target = "127.0.0.1:" + server.start().getPort();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop();
    }

    private ClientRun load(Path json, Path log, String startAt, int sessions) {
        return ClientRun.of(
                "load",
                "--target",
                target,
                "--sessions",
                String.valueOf(sessions),
                "--concurrency",
                "10",
                "--json",
                json.toString(),
                "--histogram-log",
                log.toString(),
                "--start-at",
                startAt,
                "--no-progress");
    }

    @Test
    void twoRunsMergeIntoExactlyTheirSum(@TempDir Path dir) throws Exception {
        Instant startAt = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        ClientRun first = load(dir.resolve("a.json"), dir.resolve("a.hlog"), startAt.toString(), 300);
        assertEquals(0, first.status(), first.err());
        // the second "machine" was late: it starts at once and says so
        ClientRun second =
                load(dir.resolve("b.json"), dir.resolve("b.hlog"), String.valueOf(startAt.toEpochMilli()), 200);
        assertEquals(0, second.status(), second.err());
        assertTrue(second.err().contains("starting now"), second.err());

        LoadReport a = LoadReport.read(dir.resolve("a.json"));
        LoadReport b = LoadReport.read(dir.resolve("b.json"));
        assertFalse(Instant.parse(a.startedAt()).isBefore(startAt), "nothing before --start-at: " + a.startedAt());

        ClientRun merge = ClientRun.of(
                "merge",
                "--json",
                dir.resolve("all.json").toString(),
                dir.resolve("a.json").toString(),
                dir.resolve("b.json").toString());
        assertEquals(0, merge.status(), merge.err());
        assertTrue(merge.out().contains("completed   500 of 500 started"), merge.out());
        LoadReport all = LoadReport.read(dir.resolve("all.json"));

        assertEquals(500, all.completed());
        assertEquals(0, all.failed());
        assertEquals(a.startedAt(), all.startedAt());
        assertEquals(b.endedAt(), all.endedAt());
        for (String name : a.decodedHistograms().keySet()) {
            Histogram sum = a.decodedHistograms().get(name);
            sum.add(b.decodedHistograms().get(name));
            assertEquals(sum, all.decodedHistograms().get(name), name);
            assertEquals(LoadReport.Latency.of(sum), all.latencyMillis().get(name), name);
        }

        // a's interval log holds, over its intervals, exactly a's histograms
        Map<String, Histogram> logged = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(dir.resolve("a.hlog").toFile());
        for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
            logged.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add((Histogram) h);
        }
        reader.close();
        assertEquals(a.decodedHistograms().keySet(), logged.keySet());
        for (String name : logged.keySet()) {
            assertEquals(
                    LoadReport.Latency.of(a.decodedHistograms().get(name)), LoadReport.Latency.of(logged.get(name)));
        }
    }

    @Test
    void reportsOfDifferentRunsAreRefused(@TempDir Path dir) {
        String now = Instant.now().toString();
        assertEquals(
                0, load(dir.resolve("a.json"), dir.resolve("a.hlog"), now, 20).status());
        ClientRun raw = ClientRun.of(
                "load",
                "--target",
                target,
                "--sessions",
                "20",
                "--framing",
                "raw",
                "--json",
                dir.resolve("b.json").toString(),
                "--no-progress");
        // a framed server closes a raw client's session: what matters is the report it writes
        assertTrue(dir.resolve("b.json").toFile().isFile(), raw.err());
        ClientRun merge = ClientRun.of(
                "merge", dir.resolve("a.json").toString(), dir.resolve("b.json").toString());
        assertEquals(1, merge.status());
        assertTrue(merge.err().contains("their framing differ"), merge.err());
        assertEquals(1, merge.err().strip().lines().count(), merge.err());
    }
}
