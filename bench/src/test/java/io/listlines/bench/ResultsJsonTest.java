package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.listlines.bench.Results.BurstResult;
import io.listlines.bench.Results.HeldResult;
import io.listlines.bench.Results.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** results.json keeps its shape: statuses as their labels, the records' components and nothing else. */
class ResultsJsonTest {
    @Test
    void aStatusIsWrittenAsItsLabel() {
        JsonNode burst = Json.MAPPER.valueToTree(
                BurstResult.builder(100, Status.SERVER_DOWN).error("gone").build());
        assertEquals("server-down", burst.path("status").asText());
        JsonNode held = Json.MAPPER.valueToTree(
                HeldResult.builder(1000, Status.NO_SESSIONS).build());
        assertEquals("no-sessions", held.path("status").asText());
    }

    @Test
    void theWrittenFieldsAreTheComponentsInTheirOrder() {
        JsonNode burst =
                Json.MAPPER.valueToTree(BurstResult.builder(100, Status.OK).build());
        assertEquals(
                List.of(
                        "concurrency",
                        "status",
                        "error",
                        "sessionsRequested",
                        "sessionsRun",
                        "completed",
                        "failed",
                        "failures",
                        "sessionsPerSecond",
                        "roundsSessionsPerSecond",
                        "roundsFailed",
                        "latencyP50Millis",
                        "latencyP99Millis",
                        "serverCpuSeconds",
                        "serverCpuSecondsPer1000Sessions",
                        "serverCpuRatioToCServer",
                        "peakRssBytes",
                        "peakThreads",
                        "wallSeconds",
                        "loadGeneratorCpuSeconds",
                        "otherCpuSeconds",
                        "loadAverageBefore",
                        "generator"),
                fields(burst));
        JsonNode held =
                Json.MAPPER.valueToTree(HeldResult.builder(1000, Status.OK).build());
        assertEquals(
                List.of(
                        "level",
                        "status",
                        "error",
                        "thinkMillis",
                        "rate",
                        "durationSeconds",
                        "peakOpen",
                        "serverConnectionsPeak",
                        "completed",
                        "failed",
                        "failures",
                        "idleRssBytes",
                        "idleThreads",
                        "idleFds",
                        "peakRssBytes",
                        "peakThreads",
                        "peakFds",
                        "rssPerConnectionBytes",
                        "serverCpuSeconds",
                        "wallSeconds",
                        "loadGeneratorCpuSeconds",
                        "otherCpuSeconds",
                        "loadAverageBefore",
                        "samples",
                        "generator"),
                fields(held));
        assertFalse(held.has("heldAll") || held.has("endedWell"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
