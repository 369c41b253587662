package io.listlines.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * results.json keeps its shape: statuses as their labels, each scenario's components and then its run's
 * in one flat object, and nothing else.
 */
class ResultsJsonTest {
    /** What every scenario's object ends with: the fields of its {@link Run}. */
    private static final List<String> RUN_FIELDS = List.of(
            "status",
            "error",
            "completed",
            "failed",
            "failures",
            "serverCpuSeconds",
            "peakRssBytes",
            "peakThreads",
            "wallSeconds",
            "loadGeneratorCpuSeconds",
            "otherCpuSeconds",
            "loadAverageBefore",
            "longestGcPauseMillis",
            "generator");

    private static Run run(Status status) {
        return new Run(status, null, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, "0 0 0", null, null);
    }

    private static JsonNode burst(Status status) {
        return Json.MAPPER.valueToTree(BurstResult.of(100, 1000, run(status)));
    }

    private static JsonNode held(Status status) {
        return Json.MAPPER.valueToTree(HeldResult.of(1000, 1000, 0, 10, null, null, run(status)));
    }

    @Test
    void aStatusIsWrittenAsItsLabel() {
        assertEquals("server-down", burst(Status.SERVER_DOWN).path("status").asText());
        assertEquals("no-sessions", held(Status.NO_SESSIONS).path("status").asText());
    }

    @Test
    void theWrittenFieldsAreTheComponentsInTheirOrder() {
        assertEquals(
                withRun(
                        "concurrency",
                        "sessionsRequested",
                        "sessionsRun",
                        "sessionsPerSecond",
                        "roundsSessionsPerSecond",
                        "roundsFailed",
                        "latencyP50Millis",
                        "latencyP99Millis",
                        "serverCpuSecondsPer1000Sessions",
                        "serverCpuRatioToCServer"),
                fields(burst(Status.OK)));
        JsonNode held = held(Status.OK);
        assertEquals(
                withRun(
                        "level",
                        "thinkMillis",
                        "rate",
                        "durationSeconds",
                        "peakOpen",
                        "serverConnectionsPeak",
                        "idleRssBytes",
                        "idleThreads",
                        "idleFds",
                        "peakFds",
                        "rssPerConnectionBytes",
                        "samples"),
                fields(held));
        assertFalse(held.has("heldAll") || held.has("endedWell") || held.has("run"));
    }

    @Test
    void theSettingsAreThePlanAndWhatElseTheRunWasGivenInOneObject() {
        JsonNode settings = Json.MAPPER.valueToTree(SampleSettings.QUICK);
        assertEquals(
                List.of(
                        "quick",
                        "burstSessions",
                        "burstConcurrency",
                        "burstWarmupSeconds",
                        "burstRounds",
                        "burstLimitSeconds",
                        "serverWarmupSessions",
                        "heldWarmupSessions",
                        "heldLevels",
                        "thinkMillis",
                        "holdSeconds",
                        "clientTimeoutSeconds",
                        "serverIdleTimeoutSeconds",
                        "freshServerPerHeldLevel",
                        "pauseMillis",
                        "offeredRates",
                        "offeredSeconds",
                        "offeredWarmupSeconds",
                        "offeredConcurrency",
                        "heldRamp",
                        "processes",
                        "warmUpClient",
                        "scenarios",
                        "modelsAsked",
                        "java",
                        "serverJavaOptions",
                        "generatorJavaOptions",
                        "projectRoot",
                        "outputDirectory"),
                fields(settings));
    }

    private static List<String> withRun(String... own) {
        List<String> names = new ArrayList<>(List.of(own));
        names.addAll(RUN_FIELDS);
        return names;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
