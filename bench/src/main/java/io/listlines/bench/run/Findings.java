package io.listlines.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Json;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.YardstickResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scenarios of a run measured, as they measure it: each puts its own part here, and the run
 * makes its {@link io.listlines.bench.model.Results} of them when all have run.
 */
public final class Findings {
    private final Map<ServerModel, List<BurstResult>> bursts = new LinkedHashMap<>();
    private final Map<ServerModel, List<HeldResult>> held = new LinkedHashMap<>();
    private final Map<ServerModel, List<RateResult>> offered = new LinkedHashMap<>();
    private final List<StartupResult> startup = new ArrayList<>();
    private final List<ModelResult> tls = new ArrayList<>();
    private RawResult raw = RawResult.NONE;
    private GeneratorVsC generatorVsC;
    private final Map<String, YardstickResult> yardsticks = new LinkedHashMap<>();
    private final Map<String, JsonNode> scenarioResults = new LinkedHashMap<>();

    public void bursts(ServerModel model, List<BurstResult> results) {
        bursts.put(model, List.copyOf(results));
    }

    public void held(ServerModel model, List<HeldResult> results) {
        held.put(model, List.copyOf(results));
    }

    public void offered(ServerModel model, List<RateResult> results) {
        offered.put(model, List.copyOf(results));
    }

    public void startup(List<StartupResult> results) {
        startup.addAll(results);
    }

    public void tls(List<ModelResult> variants) {
        tls.addAll(variants);
    }

    public void raw(RawResult result) {
        raw = result;
    }

    public void generatorVsC(GeneratorVsC result) {
        generatorVsC = result;
    }

    /** A yardstick's results so far (its bursts; then with its held levels), in place of those it had. */
    public void yardstick(YardstickResult result) {
        yardsticks.put(result.name(), result);
    }

    /** A scenario's results that have no field of their own in results.json, under its name (see {@link Results#scenarioResult}). */
    public void scenarioResult(String scenario, Object result) {
        scenarioResults.put(scenario, Json.MAPPER.valueToTree(result));
    }

    Map<String, JsonNode> scenarioResults() {
        return scenarioResults;
    }

    /** The results so far of the yardstick named {@code name} ({@link YardstickResult#name()}), or null. */
    public YardstickResult yardstick(String name) {
        return yardsticks.get(name);
    }

    List<BurstResult> bursts(ServerModel model) {
        return bursts.getOrDefault(model, List.of());
    }

    /** A model's burst at {@code concurrency}, or null (none, or the scenario did not run). */
    public BurstResult burst(ServerModel model, int concurrency) {
        if (model == null) {
            return null;
        }
        return bursts(model).stream()
                .filter(b -> b.concurrency() == concurrency)
                .findFirst()
                .orElse(null);
    }

    List<HeldResult> held(ServerModel model) {
        return held.getOrDefault(model, List.of());
    }

    List<RateResult> offered(ServerModel model) {
        return offered.getOrDefault(model, List.of());
    }

    List<StartupResult> startup() {
        return List.copyOf(startup);
    }

    List<ModelResult> tls() {
        return List.copyOf(tls);
    }

    RawResult raw() {
        return raw;
    }

    GeneratorVsC generatorVsC() {
        return generatorVsC;
    }
}
