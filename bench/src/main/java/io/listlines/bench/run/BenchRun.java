package io.listlines.bench.run;

import io.listlines.bench.analysis.Verdict;
import io.listlines.bench.model.Machine;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.proc.MachineProbe;
import io.listlines.bench.scenario.Scenario;
import io.listlines.bench.scenario.Scenarios;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the bench: the chosen scenarios, one after another in {@link Scenarios#ALL}'s order,
 * through one {@link Harness}; each one's time is kept (results.json's {@code phaseSeconds}); then
 * the results, with their targets and notes ({@link Verdict}).
 */
public final class BenchRun {
    private BenchRun() {}

    /**
     * Runs {@code scenarios} with {@code harness} and returns the results (nothing written yet).
     *
     * @param runCClient  whether the minimal C client is compiled, for the comparison and the warm-ups
     * @param modelsAsked the models as the command line named them (empty: all)
     */
    public static Results run(Harness harness, List<Scenario> scenarios, boolean runCClient, List<String> modelsAsked)
            throws IOException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        try (harness) {
            double t = harness.elapsedSeconds();
            harness.open(runCClient);
            Machine machine = MachineProbe.describe(harness.java(), harness.transportsAvailable());
            harness.say(
                    "machine: %d cores, %s, %s, kernel %s, open files %d; %s",
                    machine.cores(),
                    Sizes.gib(machine.memoryBytes()),
                    machine.jdk(),
                    machine.kernel(),
                    machine.openFileLimitSoft(),
                    harness.plan().quick() ? "quick run" : "full run");
            phaseSeconds.put("prepare", Run.round3(harness.elapsedSeconds() - t));

            Findings findings = new Findings();
            for (Scenario scenario : Scenarios.ALL) {
                if (scenarios.contains(scenario)) {
                    t = harness.elapsedSeconds();
                    scenario.run(harness, findings);
                    phaseSeconds.put(scenario.name(), Run.round3(harness.elapsedSeconds() - t));
                }
            }
            return Verdict.of(results(harness, findings, scenarios, modelsAsked, started, machine, phaseSeconds));
        }
    }

    private static Results results(
            Harness harness,
            Findings findings,
            List<Scenario> scenarios,
            List<String> modelsAsked,
            String started,
            Machine machine,
            Map<String, Double> phaseSeconds) {
        List<ModelResult> models = new ArrayList<>();
        for (ServerModel model : harness.models()) {
            List<String> command = harness.command(model);
            String unavailable = harness.unavailable(model);
            if (unavailable != null) {
                harness.say("%s: skipped, %s", model.name(), unavailable);
                models.add(ModelResult.unavailable(model.name(), model, unavailable, command));
            } else {
                models.add(new ModelResult(
                        model.name(),
                        model.kind().toString(),
                        model.description(),
                        true,
                        null,
                        command,
                        findings.bursts(model),
                        findings.held(model),
                        findings.offered(model)));
            }
        }
        CClientComparison comparison = harness.comparison();
        List<YardstickResult> yardsticks = harness.yardsticks().stream()
                .map(y -> findings.yardstick(y.name()) != null ? findings.yardstick(y.name()) : y.result())
                .toList();
        List<String> runNotes = new ArrayList<>(harness.notes());
        String problem = comparison.problem();
        if (problem != null && !runNotes.contains(problem)) {
            runNotes.add(problem);
        }
        for (YardstickResult yardstick : yardsticks) {
            String note = yardstick.note();
            if (note != null) {
                runNotes.add(Character.toUpperCase(note.charAt(0))
                        + note.substring(1)
                        + (yardstick.status() == Status.NOT_MEASURED ? "" : "."));
            }
        }
        Settings settings = new Settings(
                harness.plan(),
                comparison.executable() != null ? "minimal C client" : "load generator",
                Scenarios.ALL.stream()
                        .filter(scenarios::contains)
                        .map(Scenario::name)
                        .toList(),
                modelsAsked,
                harness.java(),
                harness.serverJavaOptions(),
                harness.launcherOptions("netty-client"),
                harness.root().toString(),
                harness.out().toString());
        return new Results(
                Results.SCHEMA_VERSION,
                started,
                harness.plan().quick(),
                harness.elapsedSeconds(),
                machine,
                settings,
                models,
                comparison.result(findings.burst(harness.reference(), 100)),
                yardsticks.stream()
                        .filter(y -> y.transport() == null)
                        .findFirst()
                        .orElse(null),
                yardsticks.stream().filter(y -> y.transport() != null).toList(),
                findings.startup(),
                findings.tls(),
                findings.raw(),
                List.of(),
                List.of(),
                phaseSeconds,
                runNotes,
                findings.scenarioResults());
    }
}
