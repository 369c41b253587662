package io.listlines.bench.scenario.raw;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Sample;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.Children;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.LoadRun;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.PythonServers;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.Harness;
import io.listlines.bench.run.Sampled;
import io.listlines.bench.scenario.burst.BurstPhase;
import io.listlines.bench.scenario.held.HeldPhase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw-framing race (issue #12): the article's own servers in Python 3 ({@link PythonServers}), one
 * on asyncio, and our Java models started with {@code --framing raw}, each on its own server process,
 * one after another: warmed up (the full plan), a burst, its idle baseline, then its held levels in
 * rising order, all by the load generator in raw framing. Without python3 the Java servers still race
 * and a note says why the Python ones did not.
 */
public final class RawPhase {
    /** The framing every server and the generator speak here: the article's programs' wire format. */
    public static final String FRAMING = "raw";

    /** Exit status of a process ended by SIGTERM that has no handler of its own, as the article's programs have not. */
    private static final int KILLED_BY_SIGTERM = 128 + 15;

    private final Harness harness;
    private final RawPlan raw;
    private final Path dir;

    /** A race with {@code raw}'s sizes, the Python programs written into {@code dir}. */
    public RawPhase(Harness harness, RawPlan raw, Path dir) {
        this.harness = harness;
        this.raw = raw;
        this.dir = dir;
    }

    /** Starts a raw-framing server whose output goes to the log file named. */
    @FunctionalInterface
    private interface Starter {
        public ServerProcess start(String logName) throws IOException;
    }

    /** Every server's result: the Python ones first (if python3 is here), then the Java models of {@link #javaModels}. */
    public RawResult run(List<ServerModel> models, ServerModel reference) {
        List<ModelResult> servers = new ArrayList<>();
        String note = null;
        Path python = PythonServers.python3();
        if (python == null) {
            note = "The raw race ran without the Python servers: there is no python3 on PATH.";
            harness.say("raw: %s", note);
            harness.note(note);
        } else {
            for (PythonServers.Program program : PythonServers.ALL) {
                servers.add(python(python, program));
            }
        }
        for (ServerModel model : javaModels(models, reference, raw)) {
            servers.add(java(model));
        }
        return new RawResult(raw, note, servers);
    }

    /**
     * The Java models that race: all of the run's (the full plan), or only the reference Netty model (quick:
     * the framed scenarios and the end-to-end tests already try every model, and in raw framing too).
     */
    public static List<ServerModel> javaModels(List<ServerModel> models, ServerModel reference, RawPlan raw) {
        return models.stream()
                .filter(m -> raw.everyJavaModel() || m.equals(reference))
                .toList();
    }

    private ModelResult python(Path python, PythonServers.Program program) {
        Path file;
        try {
            file = PythonServers.write(program, dir);
        } catch (IOException e) {
            String why = "its program could not be written: " + e.getMessage();
            harness.say("%s: skipped, %s", program.name(), why);
            return new ModelResult(
                    program.name(),
                    PythonServers.KIND,
                    program.description(),
                    false,
                    why,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of());
        }
        List<String> command = PythonServers.command(python, file);
        return race(program.name(), PythonServers.KIND, program.description(), command, logName -> {
            ServerProcess server = ServerProcess.start(command, harness.logs().resolve(logName));
            harness.say("%s: python pid %d listening on 127.0.0.1:%d", program.name(), server.pid(), server.port());
            return server;
        });
    }

    private ModelResult java(ServerModel model) {
        String unavailable = harness.unavailable(model);
        List<String> command = harness.command(model, List.of("--framing", FRAMING));
        if (unavailable != null) {
            return ModelResult.unavailable(model.name(), model, unavailable, command);
        }
        return race(
                model.name(),
                model.kind().toString(),
                model.description(),
                command,
                logName -> harness.start(model, logName, List.of("--framing", FRAMING)));
    }

    /** One server's race: started, warmed up, its burst, its idle baseline and its held levels; always stopped. */
    private ModelResult race(String name, String kind, String description, List<String> command, Starter starter) {
        ServerProcess server;
        try {
            server = starter.start(name + "-raw-server.log");
        } catch (IOException e) {
            harness.say("%s: the server did not start: %s", name, e.getMessage());
            String why = "the server did not start: " + e.getMessage();
            return new ModelResult(
                    name,
                    kind,
                    description,
                    true,
                    null,
                    command,
                    List.of(BurstResult.of(
                            raw.burstConcurrency(),
                            raw.burstSessions(),
                            Run.serverDown(why, ProcSampler.loadAverage()))),
                    raw.heldLevels().stream().map(level -> down(level, why)).toList(),
                    List.of());
        }
        List<BurstResult> burst = new ArrayList<>();
        List<HeldResult> held = new ArrayList<>();
        try {
            if (raw.serverWarmupSessions() > 0) {
                warmUp(name, server);
            }
            burst.add(server.isAlive() ? burst(name, server) : burstDown(server));
            Sample idle = baseline(server);
            for (int level : raw.heldLevels()) {
                held.add(
                        server.isAlive()
                                ? held(name, server, level, idle)
                                : down(level, "the server process had exited: " + ServerProcess.tail(server.log())));
            }
        } finally {
            stop(name, kind, server);
        }
        return new ModelResult(name, kind, description, true, null, command, burst, held, List.of());
    }

    /** The generator against a raw server: raw framing, {@code sessions} at the race's concurrency. */
    private LoadArgs rawArgs(ServerProcess server, long sessions) {
        return LoadArgs.against(LoadArgs.target(server.port()))
                .framing(FRAMING)
                .sessions(sessions)
                .concurrency(raw.burstConcurrency())
                .timeout(plan().clientTimeoutSeconds());
    }

    private Plan plan() {
        return harness.plan();
    }

    private void warmUp(String name, ServerProcess server) {
        List<String> args =
                rawArgs(server, raw.serverWarmupSessions()).noProgress().toList();
        Duration limit = Duration.ofSeconds(120 + 3L * plan().clientTimeoutSeconds());
        LoadRun.Outcome o = harness.load(args, limit, harness.logs().resolve(name + "-raw-warmup"));
        String problem = o.error() != null
                ? o.error()
                : o.report().failed() > 0 ? o.report().failed() + " failed" : null;
        if (problem != null) {
            harness.note(String.format(
                    Locale.ROOT,
                    "%s, raw race: the warm-up of %,d sessions: %s.",
                    name,
                    raw.serverWarmupSessions(),
                    problem));
        }
        harness.pause();
    }

    private BurstResult burst(String name, ServerProcess server) {
        List<String> args = rawArgs(server, raw.burstSessions())
                .duration(plan().burstLimitSeconds())
                .warmup(plan().burstWarmupSeconds())
                .toList();
        Duration limit = Duration.ofSeconds(plan().burstLimitSeconds() + 3L * plan().clientTimeoutSeconds() + 50);
        Sampled sampled = harness.runSampled(server, args, limit, name + "-raw-burst-c" + raw.burstConcurrency());
        BurstResult result = BurstResult.of(raw.burstConcurrency(), raw.burstSessions(), sampled.toRun());
        harness.say("%s: raw burst c=%d: %s", name, raw.burstConcurrency(), BurstPhase.progress(result));
        harness.pause();
        return result;
    }

    private BurstResult burstDown(ServerProcess server) {
        return BurstResult.of(
                raw.burstConcurrency(),
                raw.burstSessions(),
                Run.serverDown(
                        "the server process had exited: " + ServerProcess.tail(server.log()),
                        ProcSampler.loadAverage()));
    }

    private static Sample baseline(ServerProcess server) {
        Children.sleep(ProcSampler.INTERVAL_MILLIS);
        return ProcSampler.read(List.of(server.pid()), true, 0);
    }

    private HeldResult held(String name, ServerProcess server, int level, Sample idle) {
        double rate = plan().heldRate(level);
        int duration = plan().heldDurationSeconds();
        List<String> args = LoadArgs.against(LoadArgs.target(server.port()))
                .framing(FRAMING)
                .hold(plan().thinkMillis())
                .concurrency(level)
                .duration(duration)
                .timeout(plan().clientTimeoutSeconds())
                .rate(rate)
                .bind(HeldPhase.SOURCES)
                .toList();
        // as in the held phase: sessions in flight at --duration end, in ten think times or a timeout or two
        Duration limit = Duration.ofMillis(
                duration * 1000L + 10L * plan().thinkMillis() + 3000L * plan().clientTimeoutSeconds() + 60_000);
        Sampled sampled = harness.runSampled(server, args, limit, name + "-raw-held-" + level);
        HeldResult result =
                HeldResult.of(level, plan().thinkMillis(), rate, duration, idle, sampled.server(), sampled.toRun());
        harness.say(
                "%s: raw held %,d: %,d open at the peak, %,d completed, %,d failed, RSS %s idle -> %s peak, threads %d -> %d: %s%s",
                name,
                level,
                result.peakOpen(),
                result.run().completed(),
                result.run().failed(),
                Sizes.mib(result.idleRssBytes()),
                Sizes.mib(result.run().peakRssBytes()),
                result.idleThreads(),
                result.run().peakThreads(),
                served(result),
                result.run().error() == null ? "" : " [" + result.run().error() + "]");
        harness.pause();
        return result;
    }

    /** How a level went, in the reports' words: held, not served (some clients waited in vain), or the run's status. */
    public static String served(HeldResult h) {
        return h.heldAll()
                ? "held"
                : h.endedWell() ? "not served" : h.run().status().toString();
    }

    private HeldResult down(int level, String why) {
        return HeldResult.of(
                level,
                plan().thinkMillis(),
                plan().heldRate(level),
                plan().heldDurationSeconds(),
                null,
                null,
                Run.serverDown(why, ProcSampler.loadAverage()));
    }

    /** Stops the server; a Python program ended by SIGTERM (it has no handler) stopped cleanly too. */
    private void stop(String name, String kind, ServerProcess server) {
        if (!kind.equals(PythonServers.KIND)) {
            harness.stop(name, server);
            return;
        }
        int status = server.stop();
        if (status != 0 && status != KILLED_BY_SIGTERM) {
            harness.note(name + ": the Python server's process ended with status " + status
                    + " when stopped (SIGTERM ends it with " + KILLED_BY_SIGTERM + "); log "
                    + server.log().getFileName());
        }
    }
}
