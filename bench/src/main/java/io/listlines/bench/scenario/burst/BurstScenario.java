package io.listlines.bench.scenario.burst;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CServerResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.run.CServerYardstick;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Full sessions as fast as they go, every model in rounds ({@link BurstPhase}), with the minimal C
 * server among them and the minimal C client bracketing the reference model's burst at 100.
 */
public final class BurstScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        CServerYardstick yardstick = harness.yardstick();
        BurstPhase phase = new BurstPhase(harness, harness.comparison(), yardstick);
        phase.run(harness.models()).forEach(findings::bursts);
        findings.cServer(yardstick.result());
    }

    @Override
    public void report(Results r, StringBuilder md) {
        if (!r.hasBursts()) {
            return; // the C server's section too: it runs in the bursts' rounds
        }
        burstSection(md, r);
        cServerSection(md, r);
    }

    @Override
    public List<ChartFile> charts(Results r) {
        if (!r.hasBursts()) {
            return List.of();
        }
        return List.of(new ChartFile(
                Charts.SESSIONS_PER_SECOND,
                "Sessions per second by model",
                () -> Charts.sessionsPerSecond(r.modelsRun(), r)));
    }

    private static void burstSection(StringBuilder md, Results r) {
        Plan s = r.settings().plan();
        md.append("## Burst: full sessions as fast as they go\n\n");
        md.append(f(
                "Closed loop: %s sessions per run at each concurrency, a new session as soon as one ends. Every model's "
                        + "server is started first and serves %s sessions that are not measured (from the %s); then %s, each "
                        + "running every model once at each concurrency (each round starting one model later), so that a change "
                        + "in the shared machine's speed falls on every model alike.%s Server CPU counts every session of the "
                        + "run.\n\n",
                count(s.burstSessions()),
                count(s.serverWarmupSessions()),
                r.settings().warmUpClient(),
                s.burstRounds() == 1 ? "one round" : s.burstRounds() + " rounds",
                (s.burstRounds() > 1
                                ? " Each row is the model's median round; the rounds column gives every round's "
                                        + "sessions/s in the order they ran."
                                : "")
                        + (s.burstWarmupSeconds() > 0
                                ? f(
                                        " The generator's first %d s are its own warm-up (run, not counted): "
                                                + "sessions/s and latencies are over the rest.",
                                        s.burstWarmupSeconds())
                                : "")));
        boolean rounds = s.burstRounds() > 1;
        md.append("| model | concurrency | sessions/s |" + (rounds ? " rounds |" : "")
                + " session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + f("| server CPU vs the C server (target ≤ %.1fx) ", Targets.CPU_TARGET_RATIO)
                + "| server peak RSS | server peak threads | other CPU-s | status |\n");
        md.append("|---|--:|--:|" + (rounds ? "--:|" : "") + "--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            for (BurstResult b : model.burst()) {
                md.append(f(
                        "| %s | %s | %s |%s %.1f ms | %.1f ms | %s | %.3f | %s | %s | %s | %.1f | %s |\n",
                        model.name(),
                        count(b.concurrency()),
                        count(Math.round(b.sessionsPerSecond())),
                        rounds
                                ? " "
                                        + b.roundsSessionsPerSecond().stream()
                                                .map(v -> count(Math.round(v)))
                                                .collect(Collectors.joining(", "))
                                        + " |"
                                : "",
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        count(b.run().failed()),
                        b.serverCpuSecondsPer1000Sessions(),
                        b.serverCpuRatioToCServer() > 0 ? f("%.2fx", b.serverCpuRatioToCServer()) : "-",
                        Sizes.mib(b.run().peakRssBytes()),
                        count(b.run().peakThreads()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
    }

    private static void cServerSection(StringBuilder md, Results r) {
        CServerResult c = r.cServer();
        md.append("## The server models against a minimal C server\n\n");
        if (c == null || c.burst().isEmpty()) {
            md.append("Not measured: ")
                    .append(c == null || c.note() == null ? "the minimal C server did not run" : c.note())
                    .append(".\n\n");
            return;
        }
        md.append(f(
                "A single-threaded epoll server in C (`bench/src/main/c/minimal_server.c`, compiled with `gcc -O2`) that "
                        + "does nothing but the protocol: no logging, no metrics, no idle timeout. It takes the same bursts "
                        + "from the same load generator in the same rounds as the models (one slot earlier each round), and "
                        + "the burst table gives each model's server CPU per session as a multiple of its; the issue's target "
                        + "is at most %.1fx. It is a yardstick, not a model: no other comparison or target includes it.%s\n\n",
                Targets.CPU_TARGET_RATIO, c.note() == null ? "" : " (" + c.note() + ")"));
        md.append("| concurrency | sessions/s | session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + "| server peak RSS | other CPU-s | status |\n");
        md.append("|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (BurstResult b : c.burst()) {
            md.append(f(
                    "| %s | %s | %.1f ms | %.1f ms | %s | %.3f | %s | %.1f | %s |\n",
                    count(b.concurrency()),
                    count(Math.round(b.sessionsPerSecond())),
                    b.latencyP50Millis(),
                    b.latencyP99Millis(),
                    count(b.run().failed()),
                    b.serverCpuSecondsPer1000Sessions(),
                    Sizes.mib(b.run().peakRssBytes()),
                    b.run().otherCpuSeconds(),
                    b.run().status()));
        }
        md.append('\n');
    }
}
