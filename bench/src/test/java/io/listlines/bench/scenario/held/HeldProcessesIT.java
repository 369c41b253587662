package io.listlines.bench.scenario.held;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.listlines.bench.BenchTestKit;
import io.listlines.bench.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --processes 2}: a held level on two server processes sharing one port and two
 * generators, reported as one (the sums), each process with its own log. Behaviour only: that both
 * processes ran and the level was held; the figures are the bench's to report.
 */
@Tag("slow")
class HeldProcessesIT {
    @Test
    void aLevelIsHeldByTwoServerProcessesOnOnePort(@TempDir Path out) throws Exception {
        String said = BenchTestKit.runBench(
                out,
                "--quick",
                "--scenarios",
                "held",
                "--models",
                "netty-nio,virtual",
                "--processes",
                "2",
                "--held-levels",
                "400");
        assertTrue(said.contains("2 servers (pids "), said);

        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(2, results.path("settings").path("processes").asInt(), "settings.processes");
        for (String model : List.of("netty-nio", "virtual")) {
            JsonNode held = modelNamed(results, model).path("held").path(0);
            // how many were open at once is a figure (on a loaded machine not all 400 are): the run is behaviour
            assertEquals(400, held.path("level").asInt());
            assertTrue(held.path("completed").asLong() > 0, model + " completed sessions: " + held);
            // summed over both processes: the connections are open files of one or the other
            assertTrue(held.path("serverConnectionsPeak").asLong() > 0, model + " server connections: " + held);
            for (String p : List.of("p1", "p2")) {
                assertTrue(
                        Files.isRegularFile(out.resolve("logs/" + model + "-server-held-1-" + p + ".log")),
                        model + " server " + p + "'s log");
            }
            assertTrue(Files.isRegularFile(out.resolve("logs/" + model + "-held-400-g2.json")), model + " generator 2");
        }
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("Each level is held by 2 server processes"), "results.md says how the level was held");
        assertTrue(
                results.path("targets").toString().contains("over 2 server processes"), "the spread target is listed");
    }

    private static JsonNode modelNamed(JsonNode results, String name) {
        for (JsonNode m : results.path("models")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name + " in results.json");
    }
}
