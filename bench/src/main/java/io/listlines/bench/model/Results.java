package io.listlines.bench.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a bench run found: written as results.json, summarised in results.md and the charts.
 * {@code targets} and {@code notes} are read from the rest ({@code io.listlines.bench.analysis}), and
 * read again by {@code --redraw}.
 *
 * @param schemaVersion  the shape of results.json: {@link #SCHEMA_VERSION} when written; 0 in one written
 *                       before it was recorded (version 1: no phaseSeconds, runNotes or scenarioResults;
 *                       version 2: no bareNetty, no GC pauses, no transport in cServer)
 * @param phaseSeconds   how long each part of the run took, in the order they ran: {@code prepare} (the
 *                       jars copied, the C programs compiled), then each scenario by name
 * @param runNotes       what the run noted as it went (a server's exit status, a warm-up's failures ...);
 *                       {@code notes} are the notes read from the results, then these. Null in results
 *                       written before they were kept apart: their notes are taken as they are
 * @param cServer        the minimal C server, the floor ({@link YardstickResult}, its transport null)
 * @param bareNetty      bare Netty, one per transport it ran on, best first; empty when it did not run (or in
 *                       results written before it)
 * @param scenarioResults results of scenarios that have no field of their own here, by the scenario's
 *                       name: each scenario reads its own back ({@link #scenarioResult})
 */
public record Results(
        int schemaVersion,
        String generatedAt,
        boolean quick,
        double elapsedSeconds,
        Machine machine,
        Settings settings,
        List<ModelResult> models,
        GeneratorVsC generatorVsC,
        YardstickResult cServer,
        List<YardstickResult> bareNetty,
        /** The programs' start-up times; empty when the scenario did not run (or in results written before it). */
        List<StartupResult> startup,
        /**
         * The TLS scenario: each model (and the reference Netty with each TLS provider) as a model of its own,
         * {@code name} saying which; empty when the scenario did not run (or in results written before it).
         */
        List<ModelResult> tls,
        /** The raw-framing race; {@link RawResult#NONE} when it did not run (or in results written before it). */
        RawResult raw,
        List<Target> targets,
        List<String> notes,
        Map<String, Double> phaseSeconds,
        List<String> runNotes,
        Map<String, JsonNode> scenarioResults) {

    /**
     * The shape of results.json this bench writes; version 2 added schemaVersion, phaseSeconds, runNotes,
     * scenarioResults; version 3 bareNetty, each run's longestGcPauseMillis and the yardsticks' transport.
     */
    public static final int SCHEMA_VERSION = 3;

    public Results {
        phaseSeconds = phaseSeconds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
        scenarioResults =
                scenarioResults == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scenarioResults));
        bareNetty = bareNetty == null ? List.of() : List.copyOf(bareNetty);
        startup = startup == null ? List.of() : List.copyOf(startup);
        tls = tls == null ? List.of() : List.copyOf(tls);
        raw = raw == null ? RawResult.NONE : raw;
    }

    /** These results with the targets met or missed and the notes that read them. */
    public Results withVerdict(List<Target> targets, List<String> notes) {
        return copy(schemaVersion, List.copyOf(targets), List.copyOf(notes));
    }

    /** These results in this bench's shape of results.json ({@link #SCHEMA_VERSION}), as it writes them. */
    public Results inCurrentSchema() {
        return copy(SCHEMA_VERSION, targets, notes);
    }

    private Results copy(int version, List<Target> targets, List<String> notes) {
        return new Results(
                version,
                generatedAt,
                quick,
                elapsedSeconds,
                machine,
                settings,
                models,
                generatorVsC,
                cServer,
                bareNetty,
                startup,
                tls,
                raw,
                targets,
                notes,
                phaseSeconds,
                runNotes,
                scenarioResults);
    }

    /** The results a scenario without a field of its own put under its {@code name}, as its {@code type}; empty if none. */
    public <T> Optional<T> scenarioResult(String name, Class<T> type) {
        JsonNode node = scenarioResults.get(name);
        return node == null ? Optional.empty() : Optional.of(Json.MAPPER.convertValue(node, type));
    }

    /** Bare Netty on the transport of {@code model} (a Netty model), if it ran; empty for any other model. */
    public Optional<YardstickResult> bareNettyFor(ModelResult model) {
        ServerModel spec = ServerModel.named(model.name());
        if (spec == null || !spec.isNetty()) {
            return Optional.empty();
        }
        return bareNetty.stream()
                .filter(y -> spec.transport().equals(y.transport()))
                .findFirst();
    }

    /** The yardsticks that have results (the C server, then bare Netty's), for the tables that list them. */
    public List<YardstickResult> yardsticks() {
        List<YardstickResult> all = new ArrayList<>();
        if (cServer != null) {
            all.add(cServer);
        }
        all.addAll(bareNetty);
        return all;
    }

    /** The models that ran: a model whose transport or program this machine lacks is listed, not run. */
    public List<ModelResult> modelsRun() {
        return models.stream().filter(ModelResult::available).toList();
    }

    /** Whether a model ran bursts: a report draws and tables only the scenarios its run has. */
    public boolean hasBursts() {
        return modelsRun().stream().anyMatch(m -> !m.burst().isEmpty());
    }

    /** Whether a model held levels. */
    public boolean hasHeld() {
        return modelsRun().stream().anyMatch(m -> !m.held().isEmpty());
    }

    /** The TLS variants that ran. */
    public List<ModelResult> tlsRun() {
        return tls.stream().filter(ModelResult::available).toList();
    }

    /** The plaintext model a TLS variant ({@code MODEL over TLS ...}) runs, if it ran in these results. */
    public Optional<ModelResult> plaintextOf(ModelResult tlsVariant) {
        return modelsRun().stream()
                .filter(m -> tlsVariant.name().startsWith(m.name() + ModelResult.TLS_SUFFIX))
                .findFirst();
    }

    /** Whether a model ran the offered-load ladder. */
    public boolean hasOffered() {
        return modelsRun().stream().anyMatch(m -> !m.offered().isEmpty());
    }
}
