package io.listlines.bench.analysis;

import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The targets and notes of a run, read from its results alone: what a run writes, and what
 * {@code --redraw} reads again, so a change to a rule shows in a redrawn report.
 */
public final class Verdict {
    private Verdict() {}

    /**
     * {@code results} with their targets evaluated and their notes: those read from the numbers, then
     * what the run noted as it went. Results written before the run's notes were kept apart keep the
     * notes they have.
     */
    public static Results of(Results results) {
        List<Target> targets = Targets.evaluate(results, referenceName(results));
        List<String> notes = results.notes();
        if (results.runNotes() != null) {
            notes = new ArrayList<>(Notes.explain(results, results.settings().plan()));
            notes.addAll(results.runNotes());
        }
        return results.withVerdict(targets, notes);
    }

    /**
     * The reference Netty model's name: the one on the best transport this machine has (what the
     * server's {@code auto} picks) among the models that ran; null without one.
     */
    public static String referenceName(Results results) {
        Set<String> ran = results.modelsRun().stream().map(ModelResult::name).collect(Collectors.toSet());
        return results.machine().transports().stream()
                .map(ServerModel::nettyName)
                .filter(ran::contains)
                .findFirst()
                .orElse(null);
    }
}
