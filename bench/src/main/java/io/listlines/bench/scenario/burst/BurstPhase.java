package io.listlines.bench.scenario.burst;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.CClientComparison;
import io.listlines.bench.run.Harness;
import io.listlines.bench.run.Sampled;
import io.listlines.bench.run.Yardstick;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bursts of every model, interleaved: one burst server per model, all started and warmed up
 * first, then rounds, each running every model once at each concurrency. The machine is shared
 * and its speed drifts by a third over minutes here; run one model after another and the drift
 * lands on whichever model ran at the time, interleaved it lands on all alike. Each model's
 * figure is its median round. The reference model's burst at 100 is bracketed by runs of the
 * minimal C client in every round. The yardsticks ({@link Yardstick}: the minimal C server, bare Netty
 * on each transport) take their bursts among the models', after them in the first round and one slot
 * earlier each round after, and each model's server CPU is given as a multiple of the C server's.
 */
public final class BurstPhase {
    private final Harness harness;
    private final Plan plan;
    private final CClientComparison cClient;
    private final List<Yardstick> yardsticks;

    public BurstPhase(Harness harness, CClientComparison cClient, List<Yardstick> yardsticks) {
        this.harness = harness;
        this.plan = harness.plan();
        this.cClient = cClient;
        this.yardsticks = List.copyOf(yardsticks);
    }

    /** A slot of a round: a model's burst or a yardstick's. */
    private record Slot(ServerModel model, Yardstick yardstick) {}

    /**
     * Every available model's bursts, one result per concurrency (its median round, with its server
     * CPU over the C server's); the servers, the yardsticks' too, are stopped. Each yardstick's own
     * median rounds are its {@link Yardstick#result()}.
     */
    public Map<ServerModel, List<BurstResult>> run(List<ServerModel> models) {
        Map<ServerModel, ServerProcess> servers = new LinkedHashMap<>();
        Map<ServerModel, Map<Integer, List<BurstResult>>> rounds = new LinkedHashMap<>();
        Map<ServerModel, String> down = new LinkedHashMap<>();
        try {
            for (ServerModel model : models) {
                if (harness.unavailable(model) != null) {
                    continue;
                }
                rounds.put(model, new LinkedHashMap<>());
                try {
                    ServerProcess server = harness.start(model, model.name() + "-server-burst.log");
                    servers.put(model, server);
                    harness.warmUp(model.name(), server.port(), plan.serverWarmupSessions(), 100, "burst");
                } catch (IOException e) {
                    harness.say("%s: the server did not start: %s", model.name(), e.getMessage());
                    down.put(model, "the server did not start: " + e.getMessage());
                }
            }
            List<Slot> order = new ArrayList<>();
            rounds.keySet().forEach(model -> order.add(new Slot(model, null)));
            for (Yardstick yardstick : yardsticks) {
                if (yardstick.start()) {
                    order.add(new Slot(null, yardstick));
                }
            }
            for (int round = 1; round <= plan.burstRounds(); round++) {
                // each round starts one slot later, so a drift within a round does not always land on the same ones
                List<Slot> thisRound = new ArrayList<>(order);
                Collections.rotate(thisRound, -(round - 1));
                for (int c : plan.burstConcurrency()) {
                    for (Slot slot : thisRound) {
                        if (slot.yardstick() != null) {
                            ServerProcess server = slot.yardstick().running();
                            if (server != null) {
                                slot.yardstick()
                                        .add(burst(slot.yardstick().name(), server.pid(), server.port(), c, round));
                            }
                            continue;
                        }
                        ServerModel model = slot.model();
                        List<BurstResult> runs = rounds.get(model).computeIfAbsent(c, k -> new ArrayList<>());
                        ServerProcess server = servers.get(model);
                        if (!down.containsKey(model) && !server.isAlive()) {
                            down.put(model, "the server process had exited: " + ServerProcess.tail(server.log()));
                        }
                        if (down.containsKey(model)) {
                            runs.add(serverDown(c, down.get(model)));
                            continue;
                        }
                        boolean bracket = cClient.brackets(model, c);
                        if (bracket) {
                            cClient.run(model, server);
                        }
                        runs.add(burst(model.name(), server.pid(), server.port(), c, round));
                        if (bracket && server.isAlive()) {
                            cClient.run(model, server);
                        }
                    }
                }
            }
        } finally {
            servers.forEach((model, server) -> harness.stop(model.name(), server));
            yardsticks.forEach(Yardstick::stop);
        }
        YardstickResult cServer = yardsticks.stream()
                .map(Yardstick::result)
                .filter(y -> y.transport() == null)
                .findFirst()
                .orElse(YardstickResult.notMeasured("the minimal C server was not in the run"));
        Map<ServerModel, List<BurstResult>> bursts = new LinkedHashMap<>();
        rounds.forEach((model, byConcurrency) -> {
            byConcurrency.forEach((c, runs) -> {
                boolean anyEndedWell = runs.stream().anyMatch(BurstResult::endedWell);
                for (int i = 0; i < runs.size() && anyEndedWell; i++) {
                    BurstResult burst = runs.get(i);
                    if (!burst.endedWell()) {
                        harness.note(String.format(
                                Locale.ROOT,
                                "%s, burst at concurrency %,d, round %d: %s%s; the figure is the "
                                        + "median of the rounds that ended well.",
                                model.name(),
                                c,
                                i + 1,
                                burst.run().status(),
                                burst.run().error() == null
                                        ? ""
                                        : ": " + burst.run().error()));
                    }
                }
            });
            bursts.put(
                    model,
                    Yardstick.withRatios(
                            byConcurrency.values().stream()
                                    .map(BurstPhase::median)
                                    .toList(),
                            cServer));
        });
        return bursts;
    }

    /**
     * A concurrency's rounds as one result: the median of the rounds that ended well (the lower of
     * the middle two when they are even), else the first round, which did not. Every round's
     * sessions/s and failures go with it.
     */
    public static BurstResult median(List<BurstResult> runs) {
        List<Double> rates = runs.stream().map(BurstResult::sessionsPerSecond).toList();
        List<Long> failed = runs.stream().map(b -> b.run().failed()).toList();
        List<BurstResult> ok = runs.stream()
                .filter(BurstResult::endedWell)
                .sorted(Comparator.comparingDouble(BurstResult::sessionsPerSecond))
                .toList();
        BurstResult chosen = ok.isEmpty() ? runs.getFirst() : ok.get((ok.size() - 1) / 2);
        return chosen.withRounds(rates, failed);
    }

    private BurstResult serverDown(int concurrency, String why) {
        return BurstResult.of(concurrency, plan.burstSessions(), Run.serverDown(why, ProcSampler.loadAverage()));
    }

    /** One burst against the server {@code name} (a model's, or a yardstick's), process {@code pid} on {@code port}. */
    private BurstResult burst(String name, long pid, int port, int concurrency, int round) {
        return burst(
                harness, name, pid, port, concurrency, round, harness.plan().burstSessions(), List.of());
    }

    /**
     * One burst as the rounds run it, with the generator's flags of a scenario's own ({@code generatorFlags},
     * TLS); for a scenario that runs its bursts one server at a time.
     */
    public static BurstResult burst(
            Harness harness,
            String name,
            long pid,
            int port,
            int concurrency,
            int round,
            long sessions,
            List<String> generatorFlags) {
        Plan plan = harness.plan();
        List<String> args = LoadArgs.against("127.0.0.1:" + port)
                .sessions(sessions)
                .concurrency(concurrency)
                .timeout(plan.clientTimeoutSeconds())
                .duration(plan.burstLimitSeconds())
                .warmup(plan.burstWarmupSeconds())
                .extra(generatorFlags)
                .toList();
        Duration limit = Duration.ofSeconds(plan.burstLimitSeconds() + 3L * plan.clientTimeoutSeconds() + 50);
        Sampled sampled = harness.runSampled(pid, args, limit, name + "-burst-c" + concurrency + "-round-" + round);
        BurstResult result = BurstResult.of(concurrency, sessions, sampled.toRun());
        harness.say("%s: burst c=%d, round %d: %s", name, concurrency, round, progress(result));
        harness.pause();
        return result;
    }

    /** A burst's figures as the progress lines give them. */
    public static String progress(BurstResult result) {
        return String.format(
                Locale.ROOT,
                "%,.0f sessions/s, p50 %.1f ms, p99 %.1f ms, %,d failed, server CPU %.2f s/1,000 sessions%s",
                result.sessionsPerSecond(),
                result.latencyP50Millis(),
                result.latencyP99Millis(),
                result.run().failed(),
                result.serverCpuSecondsPer1000Sessions(),
                result.run().error() == null ? "" : " [" + result.run().error() + "]");
    }
}
