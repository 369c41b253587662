package io.listlines.bench.scenario.burst;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;
import static io.listlines.bench.report.Markdown.gcPause;
import static io.listlines.bench.report.Markdown.multiple;

import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Full sessions as fast as they go, every model in rounds ({@link BurstPhase}), with the yardsticks (the
 * minimal C server, bare Netty) among them and the minimal C client bracketing the reference model's
 * burst at 100.
 */
public final class BurstScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        BurstPhase phase = new BurstPhase(harness, harness.comparison(), harness.yardsticks());
        phase.run(harness.models()).forEach(findings::bursts);
        harness.yardsticks().forEach(y -> findings.yardstick(y.result()));
    }

    @Override
    public void report(Results r, StringBuilder md) {
        if (!r.hasBursts()) {
            return; // the yardsticks' section too: they run in the bursts' rounds
        }
        burstSection(md, r);
        yardstickSection(md, r);
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
                + f(
                        "| vs bare Netty (Netty: target ≤ %.2fx) | vs C (Netty: target ≤ %.2fx) ",
                        Targets.CPU_VS_BARE_NETTY, Targets.CPU_VS_C)
                + "| server peak RSS | server peak threads | longest GC pause | other CPU-s | status |\n");
        md.append("|---|--:|--:|" + (rounds ? "--:|" : "") + "--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            for (BurstResult b : model.burst()) {
                md.append(f(
                        "| %s | %s | %s |%s %.1f ms | %.1f ms | %s | %.3f | %s | %s | %s | %s | %s | %.1f | %s |\n",
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
                        multiple(
                                r.bareNettyFor(model).map(y -> y.cpuMultiple(b)).orElse(0.0)),
                        multiple(r.cServer() == null ? 0 : r.cServer().cpuMultiple(b)),
                        Sizes.mib(b.run().peakRssBytes()),
                        count(b.run().peakThreads()),
                        gcPause(b.run()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
    }

    private static void yardstickSection(StringBuilder md, Results r) {
        md.append("## The yardsticks: bare Netty and a minimal C server\n\n");
        List<YardstickResult> ran =
                r.yardsticks().stream().filter(y -> !y.burst().isEmpty()).toList();
        List<String> notes = new ArrayList<>();
        for (YardstickResult y : r.yardsticks()) {
            if (y.note() != null) {
                notes.add(y.burst().isEmpty() ? "Not measured: " + y.note() + "." : y.name() + ": " + y.note() + ".");
            }
        }
        if (ran.isEmpty()) {
            md.append(notes.isEmpty() ? "Not measured: no yardstick ran." : String.join(" ", notes))
                    .append("\n\n");
            return;
        }
        md.append(f(
                "Two servers that are not models, each the least a server of its kind needs for this protocol. "
                        + "**The minimal C server**: a single-threaded epoll server in C "
                        + "(`bench/src/main/c/minimal_server.c`, compiled with `gcc -O2`) that does nothing but the "
                        + "protocol: no logging, no metrics, no idle timeout; not warmed up (nothing in it compiles at run "
                        + "time). **Bare Netty** (`bare-netty`, `io.listlines.bare.BareNettyServer`): the fewest parts a "
                        + "Netty programmer would write for the framed protocol, a length-field decoder and one handler "
                        + "(no limits, logs, counters, idle timeout, TLS or PROXY), on the transports of the run's Netty "
                        + "models%s, with netty-server's transport settings, one event-loop thread per core and "
                        + "netty-server's launcher JVM options (`bin/jvm/netty-server.options`), warmed up as the models "
                        + "are. Both take the same bursts from the same load generator in the same rounds as the models "
                        + "(after them in the first round, one slot earlier in each round after). The burst table gives "
                        + "each Netty model's server CPU per session as a multiple of bare Netty's on its transport "
                        + "(what listlines adds to Netty; the target is at most %.2fx) and every model's as a multiple "
                        + "of the C server's (the target for Netty is at most %.2fx); below, bare Netty's own multiple of "
                        + "the C server's is what Netty itself costs. Neither is in any other comparison.%s\n\n",
                r.quick() ? " (in a quick run the reference model's only)" : "",
                Targets.CPU_VS_BARE_NETTY,
                Targets.CPU_VS_C,
                r.bareNetty().stream().anyMatch(y -> !y.burst().isEmpty())
                        ? ""
                        : " Bare Netty has no bursts in this run."));
        md.append("| yardstick | concurrency | sessions/s | session p50 | session p99 | failed "
                + "| server CPU-s per 1,000 sessions | vs C | server peak RSS | longest GC pause | other CPU-s "
                + "| status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (YardstickResult y : ran) {
            for (BurstResult b : y.burst()) {
                md.append(f(
                        "| %s | %s | %s | %.1f ms | %.1f ms | %s | %.3f | %s | %s | %s | %.1f | %s |\n",
                        y.name(),
                        count(b.concurrency()),
                        count(Math.round(b.sessionsPerSecond())),
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        count(b.run().failed()),
                        b.serverCpuSecondsPer1000Sessions(),
                        y.transport() == null || r.cServer() == null
                                ? "-"
                                : multiple(r.cServer().cpuMultiple(b)),
                        Sizes.mib(b.run().peakRssBytes()),
                        gcPause(b.run()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
        if (!notes.isEmpty()) {
            md.append(String.join(" ", notes)).append("\n\n");
        }
    }
}
