package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.Json;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.proc.CProgram;
import io.listlines.bench.proc.PythonServers;
import io.listlines.bench.report.Charts;
import io.listlines.bench.scenario.features.FeaturesScenario;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code bench --quick} as CI does, against the jars the reactor has just built, and checks only
 * that every scenario of every model produced a well-formed result: results.json parses and has each
 * scenario with numbers, results.md has its sections, the charts are PNG images. The numbers
 * themselves (and the targets) are reported, never asserted.
 */
@Tag("slow")
class BenchQuickIT {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void quickRunProducesAWellFormedResultForEveryScenario(@TempDir Path out) throws Exception {
        Path root = BenchTestKit.projectRoot();
        BenchTestKit.assumeJarsBuilt(root);

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(System.out, progress), true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int status = new CommandLine(new BenchCommand(tee))
                .execute("--quick", "--out", out.toString(), "--root", root.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bench --quick took %.0f s%n", seconds);
        assertEquals(0, status, "bench --quick exit status; its output:\n" + progress.toString(StandardCharsets.UTF_8));

        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertTrue(results.path("quick").asBoolean());
        for (String field : List.of("cores", "memoryBytes", "openFileLimitSoft")) {
            assertTrue(results.path("machine").path(field).isNumber(), "machine." + field);
        }
        for (String field : List.of("jdk", "kernel")) {
            assertFalse(results.path("machine").path(field).asText().isBlank(), "machine." + field);
        }

        List<Integer> levels = numbers(results.path("settings").path("heldLevels"));
        List<Integer> concurrencies = numbers(results.path("settings").path("burstConcurrency"));
        assertFalse(levels.isEmpty());
        assertEquals(List.of(100, 1000), concurrencies);

        Set<String> names = new HashSet<>();
        int run = 0;
        boolean offeredNetty = false;
        for (JsonNode model : results.path("models")) {
            String name = model.path("name").asText();
            names.add(name);
            if (!model.path("available").asBoolean()) {
                // Only a Netty transport this machine lacks may be skipped, with its reason.
                assertTrue(
                        name.startsWith("netty-") && !name.equals("netty-nio"),
                        name + " skipped: " + model.path("unavailableReason"));
                assertFalse(model.path("unavailableReason").asText().isBlank(), name);
                continue;
            }
            run++;
            assertEquals(
                    concurrencies,
                    scenarios(
                            name + " burst c=",
                            model.path("burst"),
                            "concurrency",
                            "sessionsPerSecond",
                            "latencyP50Millis",
                            "latencyP99Millis",
                            "serverCpuSecondsPer1000Sessions",
                            "serverCpuRatioToCServer",
                            "sessionsRun"),
                    name + ": a burst result per concurrency");
            assertEquals(
                    levels,
                    scenarios(
                            name + " held ",
                            model.path("held"),
                            "level",
                            "peakOpen",
                            "serverConnectionsPeak",
                            "idleRssBytes",
                            "idleThreads",
                            "rssPerConnectionBytes",
                            "longestGcPauseMillis"),
                    name + ": a held result per level, with the longest GC pause of the server's JVM");
            List<Integer> rates = scenarios(
                    name + " offered ",
                    model.path("offered"),
                    "offeredRate",
                    "sessionsPerSecond",
                    "latencyP50Millis",
                    "latencyP99Millis",
                    "latencyP999Millis");
            if (model.path("kind").asText().equals("threaded")) {
                assertFalse(rates.isEmpty(), name + ": every threaded model runs the offered-load ladder");
            }
            if (!rates.isEmpty()) {
                offeredNetty |= model.path("kind").asText().equals("netty");
                assertEquals(
                        numbers(results.path("settings").path("offeredRates")).subList(0, rates.size()), rates, name);
            }
        }
        assertTrue(offeredNetty, "the reference Netty model runs the offered-load ladder");
        assertEquals(
                Set.copyOf(ServerModel.all().stream().map(ServerModel::name).toList()), names, "every model is listed");
        assertTrue(run >= 5, "netty-nio and the four threaded models always run; ran " + run);

        JsonNode cServer = results.path("cServer");
        if (CProgram.gcc() == null) {
            assertEquals("not measured", cServer.path("status").asText(), "cServer without gcc");
            assertFalse(cServer.path("note").asText().isBlank(), "cServer.note says why");
        } else {
            // the yardstick runs in the same bursts as the models, and every model's CPU is held against it
            assertEquals("ok", cServer.path("status").asText(), "cServer: " + cServer);
            List<Integer> seen = new ArrayList<>();
            for (JsonNode burst : cServer.path("burst")) {
                seen.add(burst.path("concurrency").asInt());
                assertScenario(
                        "C server burst c=" + burst.path("concurrency"),
                        burst,
                        "sessionsPerSecond",
                        "serverCpuSeconds",
                        "serverCpuSecondsPer1000Sessions",
                        "completed",
                        "failed");
            }
            assertEquals(concurrencies, seen, "the C server: a burst result per concurrency");
            assertEquals(
                    levels,
                    scenarios("C server held ", cServer.path("held"), "level", "peakOpen", "rssPerConnectionBytes"),
                    "the C server, the memory floor: a held result per level");
            assertFalse(names.contains(YardstickResult.C_SERVER), "the C server is not a model");
        }

        // bare Netty: in a quick run on the reference model's transport only, in the same bursts and levels
        JsonNode bareNetty = results.path("bareNetty");
        assertEquals(1, bareNetty.size(), "bare Netty on one transport in a quick run: " + bareNetty);
        JsonNode bare = bareNetty.path(0);
        assertEquals("ok", bare.path("status").asText(), "bareNetty: " + bare);
        assertEquals(
                concurrencies,
                scenarios("bare Netty burst c=", bare.path("burst"), "concurrency", "serverCpuSecondsPer1000Sessions"),
                "bare Netty: a burst result per concurrency");
        assertEquals(
                levels,
                scenarios(
                        "bare Netty held ",
                        bare.path("held"),
                        "level",
                        "peakOpen",
                        "rssPerConnectionBytes",
                        "longestGcPauseMillis"),
                "bare Netty: a held result per level, with its longest GC pause");
        assertFalse(
                names.contains(
                        YardstickResult.bareNettyName(bare.path("transport").asText())),
                "bare Netty is not a model");

        JsonNode c = results.path("generatorVsC");
        assertFalse(c.path("status").asText().isBlank(), "generatorVsC.status");
        for (String field : List.of("generatorSessionsPerSecond", "cSessionsPerSecond", "ratio")) {
            assertTrue(c.path(field).isNumber(), "generatorVsC." + field);
        }
        assertTrue(results.path("targets").size() >= 5, "targets");
        for (JsonNode target : results.path("targets")) {
            assertTrue(
                    Set.of(Targets.MET, Targets.MISSED, Targets.NOT_MEASURED)
                            .contains(target.path("status").asText()),
                    target.toString());
        }

        // the raw race: every server that ran, its burst and its held levels, as the framed scenarios report them
        JsonNode raw = results.path("raw");
        List<Integer> rawLevels = numbers(raw.path("plan").path("heldLevels"));
        assertFalse(rawLevels.isEmpty(), "raw.plan.heldLevels");
        Set<String> rawKinds = new HashSet<>();
        for (JsonNode server : raw.path("servers")) {
            String name = "raw " + server.path("name").asText();
            rawKinds.add(server.path("kind").asText());
            assertEquals(
                    List.of(raw.path("plan").path("burstConcurrency").asInt()),
                    scenarios(
                            name + " burst c=",
                            server.path("burst"),
                            "concurrency",
                            "sessionsPerSecond",
                            "latencyP50Millis",
                            "latencyP99Millis",
                            "serverCpuSecondsPer1000Sessions"),
                    name);
            assertEquals(
                    rawLevels,
                    scenarios(name + " held ", server.path("held"), "level", "peakOpen", "idleRssBytes", "idleThreads"),
                    name);
        }
        assertTrue(rawKinds.contains("netty"), "raw: the reference Netty model races");
        assertEquals(PythonServers.python3() != null, rawKinds.contains(PythonServers.KIND), "raw: the Python servers");

        // TLS: every variant that ran has its burst (with the handshake's own latency) and its held levels
        JsonNode tls = results.path("tls");
        assertEquals(1, tls.size(), "tls: the reference Netty with OpenSSL: " + tls);
        for (JsonNode variant : tls) {
            String name = variant.path("name").asText();
            assertTrue(name.contains(" over TLS"), name);
            if (!variant.path("available").asBoolean()) {
                continue;
            }
            assertEquals(
                    List.of(100),
                    scenarios(name + " burst c=", variant.path("burst"), "concurrency", "sessionsPerSecond"),
                    name);
            assertTrue(
                    variant.path("burst")
                            .path(0)
                            .path("generator")
                            .path("latencyMillis")
                            .has("handshake"),
                    name + ": the handshake's latency");
            assertEquals(
                    levels.subList(0, 1),
                    scenarios(name + " held ", variant.path("held"), "level", "peakOpen"),
                    name + ": a quick run holds the first level");
        }

        // what each feature costs: the quick run's two variants, each with its round and its price
        JsonNode features = results.path("scenarioResults").path("features");
        assertTrue(features.path("note").isNull(), "features ran: " + features.path("note"));
        List<String> variants = new ArrayList<>();
        for (JsonNode variant : features.path("variants")) {
            String name = "features " + variant.path("feature").path("name").asText();
            variants.add(variant.path("feature").path("name").asText());
            assertEquals(
                    List.of(100),
                    scenarios(name + " c=", variant.path("rounds"), "concurrency", "serverCpuSecondsPer1000Sessions"),
                    name);
            for (String field : List.of("serverCpuMillisPer1000Sessions", "deltaPercent", "spreadPercent")) {
                assertTrue(variant.path(field).isNumber(), name + ": " + field);
            }
        }
        assertEquals(List.of("default", "all of them"), variants, "features: the quick run's variants");

        String md = Files.readString(out.resolve("results.md"));
        for (String section : List.of(
                "## The machine",
                "Client and server share this machine",
                "per-process ceiling",
                "## Burst",
                "| vs bare Netty (Netty: target ≤ 1.10x) | vs C (Netty: target ≤ 1.40x) |",
                "## The yardsticks: bare Netty and a minimal C server",
                "| longest GC pause |",
                "## Held",
                "## TLS: the same sessions over TLS",
                "## Raw framing: the article's own servers in the race",
                "## The load generator against a minimal C client",
                "## What each feature costs",
                "## Targets",
                "## Charts")) {
            assertTrue(md.contains(section), "results.md has " + section);
        }

        for (String chart : List.of(
                Charts.SESSIONS_PER_SECOND,
                Charts.RSS_PER_CONNECTION,
                Charts.MEMORY,
                Charts.THREADS,
                Charts.LATENCY_P50,
                Charts.LATENCY_P99,
                Charts.LATENCY_P999,
                Charts.TLS_SESSIONS_PER_SECOND,
                Charts.TLS_RSS_PER_CONNECTION,
                Charts.RAW_SESSIONS_PER_SECOND,
                Charts.RAW_MEMORY,
                Charts.RAW_THREADS,
                FeaturesScenario.CHART)) {
            Path png = out.resolve(chart);
            assertTrue(Files.isRegularFile(png), chart);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(
                    bytes.length > PNG_SIGNATURE.length
                            && Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE),
                    chart + " is a PNG");
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, chart + " decodes");
            assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, chart + " size");
        }
    }

    /**
     * Checks every scenario of {@code list} (see {@link #assertScenario}); returns their {@code key}s
     * (concurrency or level) in order.
     */
    private static List<Integer> scenarios(String what, JsonNode list, String key, String... numbers) {
        List<Integer> keys = new ArrayList<>();
        for (JsonNode scenario : list) {
            keys.add(scenario.path(key).asInt());
            assertScenario(what + scenario.path(key), scenario, numbers);
        }
        return keys;
    }

    /** The numbers of the generator's run that every scenario's object carries beside its own. */
    private static final List<String> RUN_NUMBERS =
            List.of("completed", "failed", "serverCpuSeconds", "peakRssBytes", "peakThreads", "wallSeconds");

    /** {@code scenario} has a status, and finite numbers for the run's fields and for its own {@code numbers}. */
    private static void assertScenario(String what, JsonNode scenario, String... numbers) {
        assertFalse(scenario.path("status").asText().isBlank(), what + ": status");
        List<String> fields = new ArrayList<>(RUN_NUMBERS);
        fields.addAll(List.of(numbers));
        for (String field : fields) {
            JsonNode value = scenario.path(field);
            assertTrue(value.isNumber(), what + ": " + field + " is a number, not " + value);
            assertTrue(Double.isFinite(value.asDouble()), what + ": " + field + " is finite");
        }
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asInt()));
        return list;
    }

    /**
     * Writes to the console and keeps a copy for the failure message. A byte at a time (the filter's
     * array write loops over {@link #write(int)}): progress lines are few.
     */
    private static final class TeeStream extends FilterOutputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(OutputStream out, ByteArrayOutputStream copy) {
            super(out);
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            super.write(b);
            copy.write(b);
        }
    }
}
