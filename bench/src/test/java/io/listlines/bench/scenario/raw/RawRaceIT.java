package io.listlines.bench.scenario.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.listlines.bench.BenchTestKit;
import io.listlines.bench.model.Json;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.PythonServers;
import io.listlines.bench.report.Charts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --quick --scenarios raw}: the article's Python servers (where python3 is) and Java models
 * in raw framing (a quick race: the reference Netty one), each with a burst and its held level, reported
 * in results.json, results.md and the charts. Behaviour only, and what the article's pool does by design
 * (a level of 10 is more than two threads serve); the figures are the bench's to report.
 */
@Tag("slow")
class RawRaceIT {
    @Test
    void theArticlesServersRaceOursInRawFraming(@TempDir Path out) throws Exception {
        BenchTestKit.runBench(out, "--quick", "--scenarios", "raw", "--models", "netty-nio");

        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("raw"), texts(results.path("settings").path("scenarios")));
        JsonNode raw = results.path("raw");
        List<String> expected = new ArrayList<>();
        if (PythonServers.python3() != null) {
            PythonServers.ALL.forEach(p -> expected.add(p.name()));
        } else {
            assertFalse(raw.path("note").asText().isBlank(), "raw.note says why the Python servers did not run");
        }
        expected.add("netty-nio"); // a quick race runs the reference Netty model only
        List<String> names = new ArrayList<>();
        for (JsonNode server : raw.path("servers")) {
            String name = server.path("name").asText();
            names.add(name);
            assertTrue(server.path("available").asBoolean(), name);
            assertTrue(
                    server.path("command").toString().contains("\"--framing\",\"raw\"") || name.startsWith("python-"),
                    name + " in raw framing: " + server.path("command"));
            JsonNode burst = server.path("burst").path(0);
            assertEquals(
                    RawPlan.quickRun().burstConcurrency(),
                    burst.path("concurrency").asInt(),
                    name);
            assertEquals("ok", burst.path("status").asText(), name + " burst: " + burst.path("error"));
            assertTrue(burst.path("completed").asLong() > 0, name + " completed sessions in its burst");
            for (String field : List.of("sessionsPerSecond", "latencyP50Millis", "latencyP99Millis", "peakRssBytes")) {
                assertTrue(burst.path(field).isNumber(), name + " burst." + field);
            }
            JsonNode held = server.path("held").path(0);
            assertEquals(10, held.path("level").asInt(), name);
            assertTrue(held.path("idleRssBytes").asLong() > 0, name + " idle baseline");
        }
        assertEquals(expected, names, "the Python servers first, then the Java models");

        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("## Raw framing: the article's own servers in the race"), md);
        if (PythonServers.python3() != null) {
            assertTrue(
                    md.matches("(?s).*\\| python-pool-2 \\| 10 \\|[^\\n]*not served \\|.*"),
                    "the article's pool of 2 does not serve 10 slow clients: " + md);
            assertTrue(Files.isRegularFile(out.resolve("logs/python-threads-raw-server.log")));
        }
        assertTrue(Files.size(out.resolve(Charts.RAW_SESSIONS_PER_SECOND)) > 0);
        assertTrue(Files.size(out.resolve(Charts.RAW_MEMORY)) > 0);
        assertTrue(Files.size(out.resolve(Charts.RAW_THREADS)) > 0);
        assertTrue(Files.isRegularFile(out.resolve("logs/netty-nio-raw-server.log")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
