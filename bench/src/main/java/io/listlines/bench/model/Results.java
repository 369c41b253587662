package io.listlines.bench.model;

import java.util.List;
import java.util.Optional;

/** Everything a bench run found: written as results.json, summarised in results.md and the charts. */
public record Results(
        String generatedAt,
        boolean quick,
        double elapsedSeconds,
        Machine machine,
        Settings settings,
        List<ModelResult> models,
        GeneratorVsC generatorVsC,
        CServerResult cServer,
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
        List<String> notes) {

    public Results {
        startup = startup == null ? List.of() : List.copyOf(startup);
        tls = tls == null ? List.of() : List.copyOf(tls);
        raw = raw == null ? RawResult.NONE : raw;
    }

    /** These results with the targets met or missed and the notes that read them. */
    public Results withVerdict(List<Target> targets, List<String> notes) {
        return new Results(
                generatedAt,
                quick,
                elapsedSeconds,
                machine,
                settings,
                models,
                generatorVsC,
                cServer,
                startup,
                tls,
                raw,
                List.copyOf(targets),
                List.copyOf(notes));
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
