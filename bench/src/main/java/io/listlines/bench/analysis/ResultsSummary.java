package io.listlines.bench.analysis;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.report.Markdown;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The few sentences results.md begins with: where threads are fine, where the event loop wins and by
 * how much, read from this run's numbers whichever way they fall. Every figure it names is in the
 * tables below it.
 */
public final class ResultsSummary {
    /** Within this factor of Netty, a threaded model "comes close" rather than "trails". */
    public static final double CLOSE = 1.10;

    private ResultsSummary() {}

    public static List<String> sentences(Results r) {
        List<String> out = new ArrayList<>();
        for (int c : r.settings().plan().burstConcurrency()) {
            burst(r, c).ifPresent(out::add);
        }
        generatorBound(r).ifPresent(out::add);
        cpu(r).ifPresent(out::add);
        yardsticks(r).ifPresent(out::add);
        held(r).ifPresent(out::add);
        offered(r).ifPresent(out::add);
        raw(r).ifPresent(out::add);
        return out;
    }

    /** The raw race: every server's burst, and from which level each server left clients unserved. */
    private static Optional<String> raw(Results r) {
        RawResult raw = r.raw();
        if (raw.plan() == null) {
            return Optional.empty();
        }
        List<String> rates = new ArrayList<>();
        List<String> unserved = new ArrayList<>();
        for (ModelResult server : raw.serversRun()) {
            okBurst(server, raw.plan().burstConcurrency())
                    .filter(b -> b.sessionsPerSecond() > 0)
                    .ifPresent(b -> rates.add(f("%s %s", server.name(), count(b.sessionsPerSecond()))));
            server.held().stream()
                    .filter(h -> h.endedWell() && !h.heldAll())
                    .findFirst()
                    .ifPresent(h -> unserved.add(f("%s from %s", server.name(), count(h.level()))));
        }
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(f(
                "**Raw framing, the article's own servers beside ours** (full sessions at concurrency %s): %s "
                        + "sessions/s.%s",
                count(raw.plan().burstConcurrency()),
                String.join(", ", rates),
                unserved.isEmpty()
                        ? " Every server served every held level."
                        : " Slow clients not all served: " + String.join(", ", unserved) + "."));
    }

    private static Optional<String> burst(Results r, int concurrency) {
        Optional<Measured<BurstResult>> netty = bestNettyBurst(r, concurrency);
        if (netty.isEmpty()) {
            return Optional.empty();
        }
        double base = netty.get().result().sessionsPerSecond();
        List<String> others = new ArrayList<>();
        String verdict = "";
        for (ModelResult m : threaded(r)) {
            Optional<BurstResult> b = okBurst(m, concurrency);
            if (b.isEmpty() || b.get().sessionsPerSecond() <= 0) {
                continue;
            }
            double ratio = base / b.get().sessionsPerSecond();
            others.add(f("%s %s (Netty %.2fx)", m.name(), count(b.get().sessionsPerSecond()), ratio));
            if (m.name().equals("virtual")) {
                verdict = ratio * CLOSE < 1
                        ? f(" Virtual threads are ahead of the event loop here, by %.0f%%.", (1 / ratio - 1) * 100)
                        : ratio < 1
                                ? f(
                                        " Virtual threads and the event loop are level here (within %.0f%%).",
                                        (1 / ratio - 1) * 100)
                                : ratio < CLOSE
                                        ? f(
                                                " Virtual threads come close here: within %.0f%% of the event loop.",
                                                (ratio - 1) * 100)
                                        : f(" The event loop leads virtual threads by %.0f%%.", (ratio - 1) * 100);
            }
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(f(
                "**Full sessions, concurrency %s:** %s %s sessions/s; %s.%s",
                count(concurrency), netty.get().model(), count(base), String.join(", ", others), verdict));
    }

    /** When the load generator drove the server slower than the minimal C client did, the bursts measure it too. */
    private static Optional<String> generatorBound(Results r) {
        GeneratorVsC g = r.generatorVsC();
        if (g == null || !g.measured() || g.ratio() >= 0.9) {
            return Optional.empty();
        }
        return Optional.of(f(
                "**Read the bursts with care:** the load generator drove %s at %.0f%% of the minimal C client's rate "
                        + "(%s against %s sessions/s), so near the top the generator, not the server, set the pace; server "
                        + "CPU per session, below, compares the models without that limit.",
                g.model(), g.ratio() * 100, count(g.generatorSessionsPerSecond()), count(g.cSessionsPerSecond())));
    }

    private static Optional<String> cpu(Results r) {
        Optional<Measured<BurstResult>> netty = cheapestNettyBurst(r, 100);
        if (netty.isEmpty()) {
            return Optional.empty();
        }
        double base = netty.get().result().serverCpuSecondsPer1000Sessions();
        List<String> others = new ArrayList<>();
        for (ModelResult m : threaded(r)) {
            okBurst(m, 100)
                    .filter(b -> b.serverCpuSecondsPer1000Sessions() > 0)
                    .ifPresent(b -> others.add(f(
                            "%s %.3f (%.2fx)",
                            m.name(),
                            b.serverCpuSecondsPer1000Sessions(),
                            b.serverCpuSecondsPer1000Sessions() / base)));
        }
        String c = r.cServer() == null
                ? ""
                : r.cServer()
                        .measuredBurst(100)
                        .map(b -> f(
                                "; the minimal C server %.3f (Netty is %.2fx it)",
                                b.serverCpuSecondsPer1000Sessions(), base / b.serverCpuSecondsPer1000Sessions()))
                        .orElse("");
        return Optional.of(f(
                "**Server CPU per 1,000 sessions at concurrency 100:** %s %.3f CPU-s; %s%s.",
                netty.get().model(),
                base,
                others.isEmpty() ? "no threaded model measured" : String.join(", ", others),
                c));
    }

    /**
     * What Netty itself costs above the C server, and what listlines adds above bare Netty: server CPU per
     * session at concurrency 100 of the reference Netty model (else the first Netty model measured beside
     * bare Netty on its transport), bare Netty on that transport and the C server; and RSS per held
     * connection at the highest level both held.
     */
    static Optional<String> yardsticks(Results r) {
        String reference = r.machine() == null ? null : Verdict.referenceName(r);
        List<ModelResult> netty = r.modelsRun().stream()
                .filter(ResultsSummary::isNetty)
                .sorted(Comparator.comparing(m -> !m.name().equals(reference)))
                .toList();
        for (ModelResult m : netty) {
            Optional<BurstResult> b = okBurst(m, 100);
            Optional<YardstickResult> bare = r.bareNettyFor(m);
            Optional<BurstResult> bareBurst = bare.flatMap(y -> y.measuredBurst(100));
            if (b.isEmpty() || bareBurst.isEmpty() || bare.get().cpuMultiple(b.get()) <= 0) {
                continue;
            }
            String transport = bare.get().transport();
            double overBare = bare.get().cpuMultiple(b.get());
            Optional<BurstResult> c =
                    r.cServer() == null ? Optional.empty() : r.cServer().measuredBurst(100);
            StringBuilder s = new StringBuilder(f(
                    "**What Netty costs above C, and %s above Netty** (server CPU-ms per 1,000 sessions at concurrency "
                            + "100, on %s): ",
                    m.name(), transport));
            if (c.isPresent()) {
                s.append(f(
                        "the minimal C server %.1f, bare Netty %.1f, %s %.1f. Bare Netty costs %.2fx the C server per "
                                + "session; %s %s bare Netty (%.2fx the C server in all).",
                        c.get().serverCpuSecondsPer1000Sessions() * 1000,
                        bareBurst.get().serverCpuSecondsPer1000Sessions() * 1000,
                        m.name(),
                        b.get().serverCpuSecondsPer1000Sessions() * 1000,
                        r.cServer().cpuMultiple(bareBurst.get()),
                        m.name(),
                        above(overBare),
                        r.cServer().cpuMultiple(b.get())));
            } else {
                s.append(f(
                        "bare Netty %.1f, %s %.1f: %s %s bare Netty (the C server was not measured).",
                        bareBurst.get().serverCpuSecondsPer1000Sessions() * 1000,
                        m.name(),
                        b.get().serverCpuSecondsPer1000Sessions() * 1000,
                        m.name(),
                        above(overBare)));
            }
            m.held().stream()
                    .filter(h -> bare.get().rssMultiple(h) > 0)
                    .reduce((first, second) -> second)
                    .ifPresent(h -> s.append(f(
                            " Held, %s slow clients: %s %.2f KB a connection, bare Netty %.2f KB (%.2fx).",
                            count(h.level()),
                            m.name(),
                            kb(h),
                            kb(bare.get().heldLevel(h.level()).orElseThrow()),
                            bare.get().rssMultiple(h))));
            return Optional.of(s.toString());
        }
        return Optional.empty();
    }

    /** What a multiple of bare Netty says: "adds 15% above", "costs 3% less than". */
    private static String above(double multiple) {
        return multiple >= 1
                ? f("adds %.0f%% above", (multiple - 1) * 100)
                : f("costs %.0f%% less than", (1 - multiple) * 100);
    }

    private static Optional<String> held(Results r) {
        List<Integer> levels = r.settings().plan().heldLevels();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        int top = levels.getLast();
        List<String> heldAll = new ArrayList<>();
        List<String> notHeld = new ArrayList<>();
        boolean poolNotHeld = false;
        Optional<Measured<HeldResult>> netty = Optional.empty();
        Optional<HeldResult> virtual = Optional.empty();
        for (ModelResult m : r.modelsRun()) {
            Optional<HeldResult> h =
                    m.held().stream().filter(x -> x.level() == top).findFirst();
            if (h.isEmpty()) {
                continue;
            }
            if (h.get().heldAll()) {
                heldAll.add(f(
                        "%s %.1f KB a connection, %s threads",
                        m.name(), kb(h.get()), count(h.get().run().peakThreads())));
                if (isNetty(m)
                        && (netty.isEmpty()
                                || h.get().rssPerConnectionBytes()
                                        < netty.get().result().rssPerConnectionBytes())) {
                    netty = Optional.of(new Measured<>(m.name(), h.get()));
                }
                if (m.name().equals("virtual")) {
                    virtual = h;
                }
            } else {
                ServerModel spec = ServerModel.named(m.name());
                poolNotHeld |= spec != null && spec.poolThreads() > 0;
                notHeld.add(f(
                        "%s (%s failed of %s completed)",
                        m.name(),
                        count(h.get().run().failed()),
                        count(h.get().run().completed())));
            }
        }
        if (heldAll.isEmpty() && notHeld.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(f("**%s slow clients held at once:** ", count(top)));
        s.append(heldAll.isEmpty() ? "no model held them all" : "held by " + String.join("; ", heldAll));
        if (!notHeld.isEmpty()) {
            s.append(". Not held: ").append(String.join(", ", notHeld));
            if (poolNotHeld) {
                s.append(" (a pool serves only as many clients as it has threads; the rest wait unserved)");
            }
        }
        s.append('.');
        if (netty.isPresent() && virtual.isPresent() && netty.get().result().rssPerConnectionBytes() > 0) {
            double ratio =
                    virtual.get().rssPerConnectionBytes() / netty.get().result().rssPerConnectionBytes();
            s.append(
                    ratio < CLOSE
                            ? f(
                                    " Virtual threads hold them in about as little memory as the event loop (%.2fx).",
                                    ratio)
                            : f(" Each virtual-thread connection costs %.1fx the memory of an event-loop one.", ratio));
        }
        if (r.cServer() != null) {
            r.cServer().held().stream()
                    .filter(h -> h.level() == top && h.heldAll())
                    .findFirst()
                    .ifPresent(h -> s.append(f(
                            " The minimal C server, the floor: %.1f KB a connection of its own (every model pays the"
                                    + " kernel's socket memory on top, which RSS does not show).",
                            kb(h))));
        }
        return Optional.of(s.toString());
    }

    private static Optional<String> offered(Results r) {
        List<String> knees = new ArrayList<>();
        for (ModelResult m : r.modelsRun()) {
            List<RateResult> kept =
                    m.offered().stream().filter(p -> !p.saturated()).toList();
            if (m.offered().isEmpty()) {
                continue;
            }
            boolean stopped = m.offered().getLast().saturated();
            if (kept.isEmpty()) {
                knees.add(f(
                        "%s not even %s", m.name(), count(m.offered().getFirst().offeredRate())));
            } else {
                RateResult top = kept.getLast();
                knees.add(f(
                        "%s %s%s (p99 %.1f ms there)",
                        m.name(),
                        stopped ? "up to " : "all of the ladder, up to ",
                        count(top.offeredRate()),
                        top.latencyP99Millis()));
            }
        }
        if (knees.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "**Offered load each model kept up with** (sessions/s, open loop): " + String.join("; ", knees) + ".");
    }

    /** A figure and the model it belongs to. */
    private record Measured<T>(String model, T result) {}

    /** The Netty model that spent the least server CPU per session at {@code concurrency}: the CPU sentence's base. */
    private static Optional<Measured<BurstResult>> cheapestNettyBurst(Results r, int concurrency) {
        return r.modelsRun().stream()
                .filter(ResultsSummary::isNetty)
                .flatMap(m -> okBurst(m, concurrency)
                        .filter(b -> b.serverCpuSecondsPer1000Sessions() > 0)
                        .map(b -> new Measured<>(m.name(), b))
                        .stream())
                .min(Comparator.comparingDouble(x -> x.result().serverCpuSecondsPer1000Sessions()));
    }

    private static Optional<Measured<BurstResult>> bestNettyBurst(Results r, int concurrency) {
        return r.modelsRun().stream()
                .filter(ResultsSummary::isNetty)
                .flatMap(m -> okBurst(m, concurrency).map(b -> new Measured<>(m.name(), b)).stream())
                .max(Comparator.comparingDouble(x -> x.result().sessionsPerSecond()));
    }

    private static Optional<BurstResult> okBurst(ModelResult m, int concurrency) {
        return Targets.burst(m, concurrency).filter(BurstResult::endedWell);
    }

    private static List<ModelResult> threaded(Results r) {
        return r.modelsRun().stream().filter(m -> !isNetty(m)).collect(Collectors.toList());
    }

    private static boolean isNetty(ModelResult m) {
        return m.kind().equals(ServerModel.Kind.NETTY.toString());
    }

    private static double kb(HeldResult h) {
        return h.rssPerConnectionBytes() / 1024;
    }

    private static String count(double n) {
        return Markdown.count(Math.round(n));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
