package io.listlines.bench.analysis;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.Target;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Profile;
import io.listlines.bench.report.Markdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The issues' targets, checked against the numbers and reported (never asserted): "Netty" is the
 * reference Netty model, the transport the server picks by itself (the best this machine has); the
 * other transports are listed beside it. Server CPU and memory are judged against the yardsticks of
 * the same run (issue 30): bare Netty on the same transport and the minimal C server.
 */
public final class Targets {
    public static final String MET = "met";
    public static final String MISSED = "missed";
    public static final String NOT_MEASURED = "not measured";

    /** A model result's kind, as results.json has it, for the Netty models. */
    private static final String NETTY = ServerModel.Kind.NETTY.toString();

    public static final int HELD_TARGET = 19_000;
    /** Slow clients held past one process's open-file limit, by several server processes on one port. */
    public static final int SPREAD_HELD_TARGET = 60_000;
    /** Netty's RSS per held connection at 19,000 under churn (each ended session replaced), at most: 2.0 KB. */
    public static final long RSS_TARGET_BYTES = 2048;
    /** The virtual-thread server's, at most (the fair-comparison issue's 8 KB). */
    public static final long VIRTUAL_RSS_TARGET_BYTES = 8192;
    /** How soon a program must be up: a server logging Listening, the client through one session. */
    public static final long STARTUP_TARGET_MILLIS = 500;
    /** The most server CPU per session Netty may use, as a multiple of bare Netty's on the same transport. */
    public static final double CPU_VS_BARE_NETTY = 1.10;
    /** The most server CPU per session Netty may use, as a multiple of the minimal C server's. */
    public static final double CPU_VS_C = 1.40;

    private Targets() {}

    public static List<Target> evaluate(Results results, String referenceName) {
        List<Target> targets = new ArrayList<>();
        Optional<ModelResult> reference = model(results, referenceName);
        targets.add(burstRatio(results, reference, "virtual", 1.15, "the virtual-thread server"));
        targets.add(burstRatio(results, reference, "thread-per-client", 2.5, "the thread-per-client server"));
        targets.add(serverCpu(
                results,
                reference,
                CPU_VS_BARE_NETTY,
                "bare Netty's on the same transport",
                results::bareNettyFor,
                "bare Netty on its transport"));
        targets.add(serverCpu(
                results, reference, CPU_VS_C, "the minimal C epoll server's", m -> cServer(results), "the C server"));
        targets.addAll(held(results, reference));
        targets.add(virtualHeld(results));
        if (results.settings().plan().processes() > 1) {
            targets.add(spreadHeld(results, reference));
        }
        targets.addAll(startup(results));
        targets.add(generator(results));
        return targets;
    }

    private static Target burstRatio(
            Results results, Optional<ModelResult> reference, String other, double factor, String otherLabel) {
        String name = String.format(
                Locale.ROOT, "Netty burst sessions/s at concurrency 100 at least %.2fx %s", factor, otherLabel);
        Optional<BurstResult> base = model(results, other).flatMap(m -> burst(m, 100));
        Optional<BurstResult> netty = reference.flatMap(m -> burst(m, 100));
        if (netty.isEmpty()
                || base.isEmpty()
                || base.get().sessionsPerSecond() <= 0
                || !netty.get().endedWell()) {
            return new Target(
                    name,
                    NOT_MEASURED,
                    "needs a burst at concurrency 100 of "
                            + reference.map(ModelResult::name).orElse("Netty") + " and of " + other + " in this run");
        }
        double baseRate = base.get().sessionsPerSecond();
        double ratio = netty.get().sessionsPerSecond() / baseRate;
        String others = results.models().stream()
                .filter(m -> m.kind().equals(NETTY)
                        && m.available()
                        && !m.name().equals(reference.get().name()))
                .flatMap(m -> burst(m, 100).stream()
                        .map(b -> String.format(Locale.ROOT, "%s %.2fx", m.name(), b.sessionsPerSecond() / baseRate)))
                .collect(Collectors.joining(", "));
        String detail = String.format(
                Locale.ROOT,
                "%s %,.0f vs %s %,.0f sessions/s: %.2fx%s%s",
                reference.get().name(),
                netty.get().sessionsPerSecond(),
                other,
                baseRate,
                ratio,
                others.isEmpty() ? "" : " (" + others + ")",
                roundByRound(netty.get(), base.get()));
        return new Target(name, ratio >= factor ? MET : MISSED, detail);
    }

    /**
     * Netty's server CPU per session at concurrency 100 as a multiple of a yardstick's ({@code yardstickOf}
     * the model: bare Netty on its transport, or the C server), at most {@code limit}: judged on the
     * reference model, the others' multiples beside it (and bare Netty's own of the C server's). A
     * yardstick is never a model here.
     */
    private static Target serverCpu(
            Results results,
            Optional<ModelResult> reference,
            double limit,
            String yardstickLabel,
            Function<ModelResult, Optional<YardstickResult>> yardstickOf,
            String yardstickShort) {
        String name = String.format(
                Locale.ROOT,
                "Netty server CPU-seconds per 1,000 sessions (burst at concurrency 100) at most %.2fx %s",
                limit,
                yardstickLabel);
        Optional<BurstResult> netty = reference.flatMap(m -> burst(m, 100)).filter(BurstResult::endedWell);
        if (netty.isEmpty()) {
            return new Target(
                    name,
                    NOT_MEASURED,
                    "needs a burst at concurrency 100 of "
                            + reference.map(ModelResult::name).orElse("Netty") + " that ended well in this run");
        }
        Optional<YardstickResult> yardstick = yardstickOf.apply(reference.get());
        Optional<BurstResult> base = yardstick.flatMap(y -> y.measuredBurst(100));
        if (base.isEmpty()) {
            return new Target(
                    name,
                    NOT_MEASURED,
                    yardstick.map(YardstickResult::note).orElse(null) != null
                            ? yardstick.get().note()
                            : yardstickShort + " has no burst at concurrency 100 in this run");
        }
        double ratio = yardstick.get().cpuMultiple(netty.get());
        List<String> others = new ArrayList<>();
        if (yardstick.get().transport() == null) {
            results.bareNetty()
                    .forEach(b -> b.measuredBurst(100)
                            .map(yardstick.get()::cpuMultiple)
                            .filter(x -> x > 0)
                            .ifPresent(x -> others.add(String.format(Locale.ROOT, "%s %.2fx", b.name(), x))));
        }
        for (ModelResult m : results.modelsRun()) {
            if (m.name().equals(reference.get().name())) {
                continue;
            }
            double x = burst(m, 100)
                    .flatMap(b -> yardstickOf.apply(m).map(y -> y.cpuMultiple(b)))
                    .orElse(0.0);
            if (x > 0) {
                others.add(String.format(Locale.ROOT, "%s %.2fx", m.name(), x));
            }
        }
        String detail = String.format(
                Locale.ROOT,
                "%s %.1f vs %s %.1f CPU-ms per 1,000 sessions: %.2fx%s",
                reference.get().name(),
                netty.get().serverCpuSecondsPer1000Sessions() * 1000,
                yardstick.get().name(),
                base.get().serverCpuSecondsPer1000Sessions() * 1000,
                ratio,
                others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
        return new Target(name, ratio <= limit ? MET : MISSED, detail);
    }

    /** The C server's results, if it has some. */
    private static Optional<YardstickResult> cServer(Results results) {
        return Optional.ofNullable(results.cServer());
    }

    /**
     * A run's longest GC pause for a target's evidence, as the tables write it ({@code , longest GC pause 3.2 ms}
     * or {@code none}), or nothing without a GC log.
     */
    private static String gcPause(Run run) {
        return run.longestGcPauseMillis() == null ? "" : ", longest GC pause " + Markdown.gcPause(run);
    }

    /** With several rounds, the ratio within each round: how much the machine's drift moved it. */
    private static String roundByRound(BurstResult netty, BurstResult base) {
        List<Double> a = netty.roundsSessionsPerSecond();
        List<Double> b = base.roundsSessionsPerSecond();
        if (a.size() < 2 || a.size() != b.size()) {
            return "";
        }
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(b.get(i) > 0 ? String.format(Locale.ROOT, "%.2fx", a.get(i) / b.get(i)) : "?");
        }
        return "; round by round " + String.join(", ", ratios);
    }

    private static List<Target> held(Results results, Optional<ModelResult> reference) {
        String holdName = String.format(Locale.ROOT, "Netty holds %,d slow clients with 0 failures", HELD_TARGET);
        String rssName = String.format(
                Locale.ROOT,
                "Netty at no more than %.1f KB (%,d bytes) of RSS per held connection above its idle baseline, at %,d "
                        + "under churn (each ended session replaced), with 0 failed",
                RSS_TARGET_BYTES / 1024.0,
                RSS_TARGET_BYTES,
                HELD_TARGET);
        Optional<HeldResult> level = reference.flatMap(
                m -> m.held().stream().filter(h -> h.level() == HELD_TARGET).findFirst());
        if (level.isEmpty()) {
            String why = results.quick()
                    ? "a --quick run holds at most "
                            + String.format(
                                    Locale.ROOT,
                                    "%,d",
                                    results.settings().plan().heldLevels().stream()
                                            .mapToInt(Integer::intValue)
                                            .max()
                                            .orElse(0))
                            + " clients"
                    : String.format(
                            Locale.ROOT,
                            "no held level of %,d for %s in this run",
                            HELD_TARGET,
                            reference.map(ModelResult::name).orElse("Netty"));
            return List.of(new Target(holdName, NOT_MEASURED, why), new Target(rssName, NOT_MEASURED, why));
        }
        HeldResult h = level.get();
        String name = reference.get().name();
        String others = otherNetty(results, name);
        String holdDetail = String.format(
                Locale.ROOT,
                "%s: %,d connections open at the peak, %,d failed (%s)%s",
                name,
                h.peakOpen(),
                h.run().failed(),
                h.run().status(),
                others);
        String bare = results.bareNettyFor(reference.get())
                .flatMap(y -> y.heldLevel(HELD_TARGET)
                        .map(b -> String.format(
                                Locale.ROOT,
                                "; %s %,.0f bytes per connection (%s is %.2fx it)%s",
                                y.name(),
                                b.rssPerConnectionBytes(),
                                name,
                                y.rssMultiple(h),
                                gcPause(b.run()))))
                .orElse("");
        String rssDetail = String.format(
                Locale.ROOT,
                "%s: %,.0f bytes (%.2f KB) per connection: %s idle, %s at the peak with %,d open, %,d failed%s%s%s",
                name,
                h.rssPerConnectionBytes(),
                h.rssPerConnectionBytes() / 1024,
                Sizes.mib(h.idleRssBytes()),
                Sizes.mib(h.run().peakRssBytes()),
                h.peakOpen(),
                h.run().failed(),
                gcPause(h.run()),
                bare,
                others);
        return List.of(
                new Target(holdName, h.heldAll() ? MET : MISSED, holdDetail),
                new Target(
                        rssName,
                        h.peakOpen() <= 0
                                ? NOT_MEASURED
                                : h.heldAll() && h.rssPerConnectionBytes() <= RSS_TARGET_BYTES ? MET : MISSED,
                        rssDetail));
    }

    /** In a {@code --processes} run: Netty holds 60,000 slow clients over its server processes, 0 failed. */
    private static Target spreadHeld(Results results, Optional<ModelResult> reference) {
        int processes = results.settings().plan().processes();
        String name = String.format(
                Locale.ROOT,
                "Netty holds %,d slow clients over %d server processes on one port with 0 failures",
                SPREAD_HELD_TARGET,
                processes);
        Optional<HeldResult> level = reference.flatMap(m ->
                m.held().stream().filter(h -> h.level() == SPREAD_HELD_TARGET).findFirst());
        if (level.isEmpty()) {
            return new Target(
                    name,
                    NOT_MEASURED,
                    String.format(
                            Locale.ROOT,
                            "no held level of %,d for %s in this run",
                            SPREAD_HELD_TARGET,
                            reference.map(ModelResult::name).orElse("Netty")));
        }
        HeldResult h = level.get();
        return new Target(
                name,
                h.heldAll() ? MET : MISSED,
                String.format(
                        Locale.ROOT,
                        "%s: %,d open at the peak (server connections %,d), %,d failed, %,.0f bytes of RSS per connection "
                                + "summed over the processes, %,d threads at the peak, %.1f server CPU-seconds (%s)",
                        reference.get().name(),
                        h.peakOpen(),
                        h.serverConnectionsPeak(),
                        h.run().failed(),
                        h.rssPerConnectionBytes(),
                        h.run().peakThreads(),
                        h.run().serverCpuSeconds(),
                        h.run().status()));
    }

    private static Target virtualHeld(Results results) {
        String name = String.format(
                Locale.ROOT,
                "The virtual-thread server at no more than 8 KB (%,d bytes) of RSS per held connection, at %,d",
                VIRTUAL_RSS_TARGET_BYTES,
                HELD_TARGET);
        Optional<HeldResult> level = model(results, "virtual")
                .flatMap(m ->
                        m.held().stream().filter(h -> h.level() == HELD_TARGET).findFirst());
        if (level.isEmpty() || level.get().peakOpen() <= 0) {
            return new Target(
                    name,
                    NOT_MEASURED,
                    String.format(Locale.ROOT, "no held level of %,d for virtual in this run", HELD_TARGET));
        }
        HeldResult h = level.get();
        String detail = String.format(
                Locale.ROOT,
                "virtual: %,.0f bytes (%.2f KB) per connection, %,d open at the peak, %,d failed%s",
                h.rssPerConnectionBytes(),
                h.rssPerConnectionBytes() / 1024,
                h.peakOpen(),
                h.run().failed(),
                gcPause(h.run()));
        return new Target(
                name, h.heldAll() && h.rssPerConnectionBytes() <= VIRTUAL_RSS_TARGET_BYTES ? MET : MISSED, detail);
    }

    private static List<Target> startup(Results results) {
        List<Target> targets = new ArrayList<>();
        for (String program : List.of("netty-server", "netty-client")) {
            String name = String.format(
                    Locale.ROOT,
                    "bin/%s %s within %d ms (median of %d)",
                    program,
                    program.equals("netty-client") ? "completes one session" : "logs Listening",
                    STARTUP_TARGET_MILLIS,
                    Profile.of(results.quick()).startupRuns());
            Optional<StartupResult> s = results.startup().stream()
                    .filter(r -> r.program().equals(program))
                    .findFirst();
            if (s.isEmpty() || s.get().error() != null) {
                targets.add(new Target(
                        name, NOT_MEASURED, s.map(StartupResult::error).orElse("the startup scenario did not run")));
            } else {
                targets.add(new Target(
                        name,
                        s.get().medianMillis() <= STARTUP_TARGET_MILLIS ? MET : MISSED,
                        String.format(
                                Locale.ROOT,
                                "%d ms (runs %s ms)",
                                s.get().medianMillis(),
                                s.get().millis())));
            }
        }
        return targets;
    }

    private static String otherNetty(Results results, String referenceName) {
        String others = results.models().stream()
                .filter(m ->
                        m.kind().equals(NETTY) && m.available() && !m.name().equals(referenceName))
                .flatMap(m -> m.held().stream()
                        .filter(h -> h.level() == HELD_TARGET)
                        .map(h -> String.format(
                                Locale.ROOT,
                                "%s: %,d open, %,d failed, %,.0f bytes/connection%s",
                                m.name(),
                                h.peakOpen(),
                                h.run().failed(),
                                h.rssPerConnectionBytes(),
                                gcPause(h.run()))))
                .collect(Collectors.joining("; "));
        return others.isEmpty() ? "" : "; " + others;
    }

    private static Target generator(Results results) {
        String name =
                "The load generator reaches at least 90% of the minimal C epoll client's sessions/s against the same server";
        GeneratorVsC g = results.generatorVsC();
        if (g == null || !g.measured() || g.cSessionsPerSecond() <= 0) {
            return new Target(
                    name, NOT_MEASURED, g == null || g.note() == null ? "the comparison did not run" : g.note());
        }
        String detail = String.format(
                Locale.ROOT,
                "against %s, %,d sessions at concurrency 100: generator %,.0f, C client %,.0f sessions/s: %.0f%%",
                g.model(),
                g.sessions(),
                g.generatorSessionsPerSecond(),
                g.cSessionsPerSecond(),
                g.ratio() * 100);
        return new Target(name, g.ratio() >= 0.9 ? MET : MISSED, detail);
    }

    public static Optional<ModelResult> model(Results results, String name) {
        return results.models().stream()
                .filter(m -> m.name().equals(name) && m.available())
                .findFirst();
    }

    public static Optional<BurstResult> burst(ModelResult model, int concurrency) {
        return model.burst().stream()
                .filter(b -> b.concurrency() == concurrency)
                .findFirst();
    }
}
