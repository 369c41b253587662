package io.listlines.bench.scenario.held;

import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Sample;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.Children;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerGroup;
import io.listlines.bench.run.Harness;
import io.listlines.bench.run.Sampled;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One model's held levels: slow clients (a line every think time) held at once, each level against
 * a fresh, warmed-up server (or, in a quick run, one server for all levels), its idle baseline
 * measured first, so that RSS per connection is what the level added.
 */
public final class HeldPhase {
    /**
     * Source addresses of the held clients, round-robin. From one address, 19,000 connections to one
     * port, renewed as sessions end, fill most of the 28,000 ephemeral ports; connect() then searches
     * long for a free one, the generator's event loops stall, and clients time out for a reason that
     * is not the server's (3,168 of 19,000 in a trial here, none with these four).
     */
    public static final List<String> SOURCES = sources(0);

    /** The four source addresses of generator {@code g} (from 0) of a run with several: 127.0.0.(2 + 4g) to (5 + 4g). */
    public static List<String> sources(int g) {
        return List.of(0, 1, 2, 3).stream()
                .map(i -> "127.0.0." + (2 + 4 * g + i))
                .toList();
    }

    /** A step against a running held-phase server. */
    private sealed interface Step permits WarmUp, Baseline, Held {}

    private record WarmUp(long sessions, int concurrency) implements Step {}

    private record Baseline() implements Step {}

    private record Held(int level) implements Step {}

    private final Harness harness;
    private final Plan plan;
    /** Flags of a scenario's own (TLS) for the generator, warm-up included; empty for plain runs. */
    private final List<String> generatorFlags;
    /** Sessions of each warm-up, as a fraction of the plan's (a TLS session costs a handshake). */
    private final double warmUpShare;
    /** The levels held: the plan's, or a scenario's few of them. */
    private final List<Integer> levels;
    /** The plan a level is held under (its think time and ramp): the run's, or a scenario's own pacing. */
    private final IntFunction<Plan> levelPlan;

    public HeldPhase(Harness harness) {
        this(harness, List.of(), 1, harness.plan().heldLevels(), level -> harness.plan());
    }

    /**
     * A phase of {@code levels}, each held under {@code levelPlan}'s plan for it, whose generators (and warm-ups)
     * get {@code generatorFlags}; the starter given to {@link #run(String, Starter)} the servers'.
     */
    public HeldPhase(
            Harness harness,
            List<String> generatorFlags,
            double warmUpShare,
            List<Integer> levels,
            IntFunction<Plan> levelPlan) {
        this.harness = harness;
        this.plan = harness.plan();
        this.levels = List.copyOf(levels);
        this.levelPlan = levelPlan;
        this.generatorFlags = List.copyOf(generatorFlags);
        this.warmUpShare = warmUpShare;
    }

    /** Starts a held-phase server (or the plan's group of them) whose output goes to the log file named. */
    @FunctionalInterface
    public interface Starter {
        public ServerGroup start(String logName) throws IOException;
    }

    /** Every held level of {@code model}, in the plan's order, on the plan's server processes; its servers are stopped. */
    public List<HeldResult> run(ServerModel model) {
        return run(model.name(), logName -> harness.start(model, logName, plan.processes()));
    }

    /** Every held level of the server {@code name} that {@code starter} starts (a model's, or a yardstick's). */
    public List<HeldResult> run(String name, Starter starter) {
        Map<Integer, HeldResult> held = new LinkedHashMap<>();
        int stintNumber = 0;
        for (List<Step> stint : stints()) {
            stintNumber++;
            ServerGroup server;
            try {
                server = starter.start(name + "-server-held-" + stintNumber + ".log");
            } catch (IOException e) {
                harness.say("%s: the server did not start: %s", name, e.getMessage());
                for (Step step : stint) {
                    recordDown(step, "the server did not start: " + e.getMessage(), held);
                }
                continue;
            }
            Sample baseline = null;
            try {
                for (Step step : stint) {
                    if (!server.isAlive()) {
                        recordDown(step, "the server process had exited: " + server.deadTail(), held);
                        continue;
                    }
                    switch (step) {
                        // the kernel spreads the warm-up over a group's processes: each gets about its own share
                        case WarmUp w ->
                            harness.warmUp(
                                    name,
                                    server.port(),
                                    Math.max(1, Math.round(w.sessions() * server.size() * warmUpShare)),
                                    w.concurrency() * server.size(),
                                    "held-" + stintNumber,
                                    generatorFlags);
                        case Baseline b -> baseline = baseline(server);
                        case Held h -> held.put(h.level(), held(name, server, h.level(), baseline));
                    }
                }
            } finally {
                harness.stop(name, server);
            }
        }
        return List.copyOf(held.values());
    }

    /** The phase's server processes and the steps run against each, in order. */
    private List<List<Step>> stints() {
        List<List<Step>> stints = new ArrayList<>();
        if (plan.freshServerPerHeldLevel()) {
            for (int level : levels) {
                stints.add(List.of(new WarmUp(plan.heldWarmupSessions(), 100), new Baseline(), new Held(level)));
            }
        } else {
            List<Step> all = new ArrayList<>(List.of(new WarmUp(plan.heldWarmupSessions(), 50), new Baseline()));
            for (int level : levels) {
                all.add(new Held(level));
            }
            stints.add(all);
        }
        return stints;
    }

    private void recordDown(Step step, String why, Map<Integer, HeldResult> held) {
        if (step instanceof Held h) {
            Plan paced = levelPlan.apply(h.level());
            held.put(
                    h.level(),
                    HeldResult.of(
                            h.level(),
                            paced.thinkMillis(),
                            paced.heldRate(h.level()),
                            paced.heldDurationSeconds(),
                            null,
                            null,
                            Run.serverDown(why, ProcSampler.loadAverage())));
        }
    }

    private static Sample baseline(ServerGroup server) {
        Sample sample = null;
        for (int i = 0; i < 3; i++) {
            Children.sleep(ProcSampler.INTERVAL_MILLIS);
            Sample s = ProcSampler.read(server.pids(), true, 0);
            if (s != null) {
                sample = s;
            }
        }
        return sample;
    }

    private HeldResult held(String name, ServerGroup server, int level, Sample idle) {
        if (idle == null) {
            idle = ProcSampler.read(server.pids(), true, 0);
        }
        Plan paced = levelPlan.apply(level);
        double rate = paced.heldRate(level);
        int duration = paced.heldDurationSeconds();
        // one generator per server process, each with its share of the level and of the rate, and
        // source addresses of its own, so that no one process (of either side) passes its open-file limit
        int generators = server.size();
        List<List<String>> args = new ArrayList<>();
        for (int g = 0; g < generators; g++) {
            int share = level / generators + (g < level % generators ? 1 : 0);
            args.add(LoadArgs.against(LoadArgs.target(server.port()))
                    .hold(paced.thinkMillis())
                    .concurrency(share)
                    .duration(duration)
                    .timeout(paced.clientTimeoutSeconds())
                    .rate(rate / generators)
                    .bind(sources(g))
                    .extra(generatorFlags)
                    .toList());
        }
        // The generator stops starting sessions at --duration and lets those in flight end: a session
        // lasts ten think times, or a timeout or two for a client left waiting.
        Duration limit = Duration.ofMillis(
                duration * 1000L + 10L * paced.thinkMillis() + 3000L * paced.clientTimeoutSeconds() + 60_000);
        Sampled sampled = harness.runSampled(server, args, limit, name + "-held-" + level);
        HeldResult result =
                HeldResult.of(level, paced.thinkMillis(), rate, duration, idle, sampled.server(), sampled.toRun());
        Run run = result.run();
        harness.say(
                "%s: held %,d%s: %,d open at the peak (server: %,d), %,d failed, RSS %s idle -> %s peak (%.1f KB/connection), "
                        + "threads %d -> %d%s",
                name,
                level,
                generators == 1 ? "" : " over " + generators + " server processes (summed)",
                result.peakOpen(),
                result.serverConnectionsPeak(),
                run.failed(),
                Sizes.mib(result.idleRssBytes()),
                Sizes.mib(run.peakRssBytes()),
                result.rssPerConnectionBytes() / 1024,
                result.idleThreads(),
                run.peakThreads(),
                run.error() == null ? "" : " [" + run.error() + "]");
        harness.pause();
        return result;
    }
}
