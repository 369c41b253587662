package io.listlines.bench.scenario.offered;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Latency against offered load ({@link OfferedLoadPhase}): every threaded model and the reference Netty
 * one (the other transports' curves would much repeat it, at some two minutes a model).
 */
public final class OfferedScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        OfferedLoadPhase phase = new OfferedLoadPhase(harness);
        harness.modelsAvailable().stream()
                .filter(model -> !model.isNetty() || model.equals(harness.reference()))
                .forEach(model -> findings.offered(model, phase.run(model)));
    }

    @Override
    public void report(Results r, StringBuilder md) {
        Plan s = r.settings().plan();
        if (!r.hasOffered()) {
            return;
        }
        md.append("## Latency against offered load\n\n");
        md.append(f(
                "Open loop: the generator starts sessions on schedule, at each rate of %s sessions/s in turn, for %d s "
                        + "each (after %d s not counted), at most %s in flight, whether or not earlier ones ended; a session's "
                        + "latency counts from its scheduled start, so a server that falls behind is charged for the wait "
                        + "(coordinated omission corrected). A model climbs the ladder up to the first rate it does not keep up "
                        + "with (a session p99 above %.0f ms, less than %.0f%% of it completed, or more than one session in 1,000 "
                        + "failed): that last row is its knee. Every threaded model runs it, and the reference Netty model (the other transports would "
                        + "repeat it). Each model's server is fresh and warmed up first with %s sessions.\n\n",
                s.offeredRates().stream().map(v -> count(v)).collect(Collectors.joining(", ")),
                s.offeredSeconds(),
                s.offeredWarmupSeconds(),
                count(s.offeredConcurrency()),
                RateResult.KEPT_UP_P99_MILLIS,
                RateResult.KEPT_UP * 100,
                count(s.serverWarmupSessions())));
        md.append(
                "| model | offered/s | completed/s | session p50 | p99 | p99.9 | failed | server CPU-s | kept up |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            boolean kneeSeen = false;
            for (RateResult p : model.offered()) {
                String keptUp = !p.saturated()
                        ? "yes"
                        : !p.run().endedWell() ? p.run().status().toString() : kneeSeen ? "no" : "no: the knee";
                kneeSeen |= p.saturated();
                md.append(f(
                        "| %s | %s | %s | %.1f ms | %.1f ms | %.1f ms | %s | %.2f | %s |\n",
                        model.name(),
                        count(p.offeredRate()),
                        count(Math.round(p.sessionsPerSecond())),
                        p.latencyP50Millis(),
                        p.latencyP99Millis(),
                        p.latencyP999Millis(),
                        count(p.run().failed()),
                        p.run().serverCpuSeconds(),
                        keptUp));
            }
        }
        md.append('\n');
    }

    @Override
    public List<ChartFile> charts(Results r) {
        return r.hasOffered() ? Charts.latency(r.modelsRun(), r) : List.of();
    }
}
