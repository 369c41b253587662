package io.listlines.bench.scenario.held;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;
import static io.listlines.bench.report.Markdown.gcPause;
import static io.listlines.bench.report.Markdown.multiple;

import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.report.Markdown;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.run.Yardstick;
import io.listlines.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow clients held at once, level by level, each model on servers of its own ({@link HeldPhase}); then
 * the yardsticks at the same levels: bare Netty, what each Netty model's memory is measured against,
 * and the minimal C server, the floor of the memory charts (one process each: not with
 * {@code --processes}).
 */
public final class HeldScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        HeldPhase phase = new HeldPhase(harness);
        for (ServerModel model : harness.modelsAvailable()) {
            findings.held(model, phase.run(model));
        }
        // A yardstick is one process: it cannot share a --processes run's levels past one process's files.
        if (harness.plan().processes() == 1) {
            for (Yardstick yardstick : harness.yardsticks()) {
                YardstickResult sofar = findings.yardstick(yardstick.name());
                findings.yardstick((sofar != null ? sofar : yardstick.result()).withHeld(yardstick.held(phase)));
            }
        }
    }

    @Override
    public void report(Results r, StringBuilder md) {
        if (!r.hasHeld()) {
            return;
        }
        Plan s = r.settings().plan();
        md.append("## Held: slow clients at once\n\n");
        md.append(f(
                "Each client waits %s ms before each of its ten lines, so a session lasts about %.0f s. %s, keeps the "
                        + "level in flight (a new session as each one ends) for %d s more, then lets the sessions in flight end; "
                        + "a client gives up after %d s without news from the server. %s RSS per connection is (peak RSS - idle "
                        + "RSS) / connections open at the peak, where idle is measured after %s warm-up sessions (from the %s) and a pause. "
                        + "Server connections are the server's open files above its idle count.\n\n",
                count(s.thinkMillis()),
                s.thinkMillis() / 100.0,
                s.heldRamp()
                        ? "The generator opens the connections (from the source addresses "
                                + String.join(", ", HeldPhase.SOURCES)
                                + ", round-robin, so that ephemeral ports are not what runs out) over one session's length (the "
                                + "level divided by it, plus 5%, per second)"
                        : "The generator opens all the connections at once (from the source addresses "
                                + String.join(", ", HeldPhase.SOURCES) + ", round-robin)",
                s.holdSeconds(),
                s.clientTimeoutSeconds(),
                s.freshServerPerHeldLevel()
                        ? "Each level gets a fresh server."
                        : "One server per model holds every level in turn.",
                count(s.heldWarmupSessions()),
                r.settings().warmUpClient()));
        if (s.processes() > 1) {
            md.append(f(
                    "**Each level is held by %d server processes of the model** sharing one port (`--reuse-port`: the kernel "
                            + "spreads the connections among them), loaded by %d generator processes, each with 1/%d of the "
                            + "level and of the rate and four source addresses of its own (127.0.0.2 to 127.0.0.%d), so that no "
                            + "process passes its own open-file limit. RSS, threads, server connections and CPU are the sums over "
                            + "the server processes, read at the same moments; the warm-up ran %d times the sessions. Latency "
                            + "percentiles in results.json are exact: the generators' histograms added, as `netty-client merge` adds them. The yardsticks (the minimal C server and bare "
                            + "Netty) are one process each and hold no levels in such a run.\n\n",
                    s.processes(), s.processes(), s.processes(), 1 + 4 * s.processes(), s.processes()));
        }
        md.append(
                "| model | level | held (open at peak) | server connections | completed | failed | idle RSS | peak RSS "
                        + "| RSS per connection | vs bare Netty | threads idle / peak | longest GC pause | server CPU-s "
                        + "| other CPU-s | status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            for (HeldResult h : model.held()) {
                row(
                        md,
                        model.name(),
                        h,
                        r.bareNettyFor(model).map(y -> y.rssMultiple(h)).orElse(0.0));
            }
        }
        for (YardstickResult y : r.yardsticks()) {
            for (HeldResult h : y.held()) {
                row(md, y.name() + (y.transport() == null ? " (the floor)" : " (yardstick)"), h, 0);
            }
        }
        md.append('\n');
        if (r.cServer() != null && !r.cServer().held().isEmpty()) {
            md.append("The C server's RSS per connection is close to 0: what a connection costs it is the kernel's "
                    + "socket memory, which no process's RSS shows, so no model's figure is given as a multiple of it. "
                    + "Each Netty model's is given as a multiple of bare Netty's on its transport, at the same level. "
                    + "The longest GC pause is the longest the server's JVM logged (`-Xlog:gc`) while the level "
                    + "ran.\n\n");
        }
    }

    /** A row of the held table: {@code name} at {@code h}'s level, its RSS per connection {@code vsBareNetty} bare Netty's. */
    private static void row(StringBuilder md, String name, HeldResult h, double vsBareNetty) {
        md.append(f(
                "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f KB | %s | %s / %s | %s | %.1f | %.1f | %s |\n",
                name,
                count(h.level()),
                count(h.peakOpen()),
                count(h.serverConnectionsPeak()),
                count(h.run().completed()),
                Markdown.failed(h.run()),
                Sizes.mib(h.idleRssBytes()),
                Sizes.mib(h.run().peakRssBytes()),
                h.rssPerConnectionBytes() / 1024,
                multiple(vsBareNetty),
                count(h.idleThreads()),
                count(h.run().peakThreads()),
                gcPause(h.run()),
                h.run().serverCpuSeconds(),
                h.run().otherCpuSeconds(),
                h.verdict()));
    }

    @Override
    public List<ChartFile> charts(Results r) {
        if (!r.hasHeld()) {
            return List.of();
        }
        List<ChartFile> charts = new ArrayList<>();
        charts.add(new ChartFile(
                Charts.RSS_PER_CONNECTION,
                "RSS per held connection by model and level",
                () -> Charts.rssPerConnection(r.modelsRun(), r)));
        charts.addAll(Charts.held(r.modelsRun(), r));
        return charts;
    }
}
