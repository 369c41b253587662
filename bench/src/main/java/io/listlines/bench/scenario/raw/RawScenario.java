package io.listlines.bench.scenario.raw;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;
import static io.listlines.bench.report.Markdown.failed;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The raw-framing race ({@link RawPhase}): the article's Python servers beside the Java models. */
public final class RawScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        RawPlan raw = RawPlan.of(harness.plan());
        findings.raw(
                new RawPhase(harness, raw, harness.out().resolve("python")).run(harness.models(), harness.reference()));
    }

    @Override
    public void report(Results r, StringBuilder md) {
        RawResult raw = r.raw();
        if (raw.servers().isEmpty() && raw.note() == null) {
            return;
        }
        Plan s = r.settings().plan();
        md.append("## Raw framing: the article's own servers in the race\n\n");
        if (raw.plan() != null) {
            md.append(f(
                    "The article's thread-per-client server and its server with a pool of 2 threads, in Python 3 (their "
                            + "program text adapted only as far as Python 3 needs, and to listen on a port the bench gives: "
                            + "`bench/src/main/resources/python/`), a Python server of the same session on `asyncio`, and the "
                            + "Java models started with `--framing raw`, all loaded by the load generator with `--framing raw` "
                            + "(the pickle alone, then ten newline-terminated lines). The article's servers keep its backlog of 5 "
                            + "(`listen(5)`: connections beyond it are dropped and retried by the client's kernel a second or "
                            + "more later, which the latencies and timeouts show) and print every line they read (into the "
                            + "bench's log), as the article's do; the Java servers run `--quiet`. One server "
                            + "process each, one after another: %s a burst of %s sessions at concurrency %s%s, then its idle "
                            + "baseline, then %s slow clients (%s ms before each line, a %d s client timeout), as the held "
                            + "scenario holds them. The article's pool serves two clients at a time and queues the rest: a "
                            + "level with clients that waited in vain is marked *not served*, and has no point on the chart.%s\n\n",
                    raw.plan().serverWarmupSessions() > 0
                            ? count(raw.plan().serverWarmupSessions()) + " sessions not measured, then"
                            : "no warm-up,",
                    count(raw.plan().burstSessions()),
                    count(raw.plan().burstConcurrency()),
                    s.burstWarmupSeconds() > 0
                            ? f(" (the generator's first %d s not counted)", s.burstWarmupSeconds())
                            : "",
                    raw.plan().heldLevels().stream().map(v -> count(v)).collect(Collectors.joining(", ")),
                    count(s.thinkMillis()),
                    s.clientTimeoutSeconds(),
                    raw.note() == null ? "" : " " + raw.note()));
        } else {
            md.append(raw.note()).append("\n\n");
        }
        List<ModelResult> run = raw.serversRun();
        if (run.isEmpty()) {
            return;
        }
        md.append("| server | kind | sessions/s | session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + "| server peak RSS | server peak threads | other CPU-s | status |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult server : run) {
            for (BurstResult b : server.burst()) {
                md.append(f(
                        "| %s | %s | %s | %.1f ms | %.1f ms | %s | %.3f | %s | %s | %.1f | %s |\n",
                        server.name(),
                        server.kind(),
                        count(Math.round(b.sessionsPerSecond())),
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        failed(b.run()),
                        b.serverCpuSecondsPer1000Sessions(),
                        Sizes.mib(b.run().peakRssBytes()),
                        count(b.run().peakThreads()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
        md.append(
                "| server | level | held (open at peak) | completed | failed | idle RSS | peak RSS | RSS per connection "
                        + "| threads idle / peak | server CPU-s | status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult server : run) {
            for (HeldResult h : server.held()) {
                md.append(f(
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %.1f | %s |\n",
                        server.name(),
                        count(h.level()),
                        count(h.peakOpen()),
                        count(h.run().completed()),
                        failed(h.run()),
                        Sizes.mib(h.idleRssBytes()),
                        Sizes.mib(h.run().peakRssBytes()),
                        h.heldAll() ? f("%.1f KB", h.rssPerConnectionBytes() / 1024) : "-",
                        count(h.idleThreads()),
                        count(h.run().peakThreads()),
                        h.run().serverCpuSeconds(),
                        RawPhase.served(h)));
            }
        }
        md.append('\n');
    }

    @Override
    public List<ChartFile> charts(Results r) {
        if (r.raw().servers().isEmpty()) {
            return List.of();
        }
        List<ModelResult> servers = r.raw().serversRun();
        List<ChartFile> charts = new ArrayList<>();
        charts.add(new ChartFile(
                Charts.RAW_SESSIONS_PER_SECOND,
                "Raw framing: the article's Python servers and ours, sessions per second",
                () -> Charts.rawSessionsPerSecond(servers, r)));
        charts.addAll(Charts.rawHeld(servers, r));
        return charts;
    }
}
