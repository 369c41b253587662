package io.listlines.bench.run;

import io.listlines.bench.analysis.Notes;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CClientRun;
import io.listlines.bench.model.CServerResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Machine;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.SampleSummary;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.Target;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.JarSnapshot;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.LoadRun;
import io.listlines.bench.proc.MachineProbe;
import io.listlines.bench.proc.MinimalClient;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerGroup;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.proc.Transports;
import io.listlines.bench.scenario.Scenario;
import io.listlines.bench.scenario.burst.BurstPhase;
import io.listlines.bench.scenario.held.HeldPhase;
import io.listlines.bench.scenario.offered.OfferedLoadPhase;
import io.listlines.bench.scenario.raw.RawPhase;
import io.listlines.bench.scenario.startup.StartupPhase;
import io.listlines.bench.scenario.tls.TlsPhase;
import io.listlines.report.LoadReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the plan against each model: every server in its own JVM, the load generator (and the C
 * client) in others, the server sampled from /proc. Every step is bounded in time; a step that
 * fails is recorded as it is and the harness moves on; servers are always stopped. The phases
 * ({@link BurstPhase}, {@link HeldPhase}, with {@link CClientComparison} and {@link CServerYardstick}
 * beside the bursts, and the others down to {@link RawPhase}) run their steps through what this class
 * holds for all of them: the jars, server processes, warm-ups, sampled load runs, the notes and the
 * progress lines.
 */
public final class Harness {
    private final Plan plan;
    private final Path root;
    private final Path out;
    private final Path logs;
    private final String java;
    private final List<String> serverJavaOptions;
    /** The launchers' options, by program (read once each). */
    private final Map<String, List<String>> launcherOptions = new ConcurrentHashMap<>();

    private final List<ServerModel> models;
    private final boolean runCClient;
    private final PrintStream progress;
    private final long t0 = System.nanoTime();
    private final List<String> notes = new ArrayList<>();

    private JarSnapshot jars;
    private Transports transports;
    private Path cClient;

    /** The scenarios this run makes. */
    private final Set<Scenario> scenarios;

    public Harness(
            Plan plan,
            Path root,
            Path out,
            String java,
            List<String> serverJavaOptions,
            List<ServerModel> models,
            boolean runCClient,
            Set<Scenario> scenarios,
            PrintStream progress) {
        this.plan = plan;
        this.scenarios = Set.copyOf(scenarios);
        this.serverJavaOptions = List.copyOf(serverJavaOptions);
        this.root = root;
        this.out = out;
        this.logs = out.resolve("logs");
        this.java = java;
        this.models = models;
        this.runCClient = runCClient;
        this.progress = progress;
    }

    /** Runs everything and returns the results (nothing written yet). */
    public Results run(List<String> modelsAsked) throws IOException {
        Files.createDirectories(logs);
        try (JarSnapshot snapshot = JarSnapshot.take(root)) {
            jars = snapshot;
            transports =
                    Transports.probe(java, snapshot.serverJar(ServerModel.all().getFirst()));
            return runAll(modelsAsked);
        } finally {
            jars = null;
        }
    }

    private Results runAll(List<String> modelsAsked) throws IOException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Machine machine = MachineProbe.describe(java, transports.available());
        say(
                "machine: %d cores, %s, %s, kernel %s, open files %d; %s",
                machine.cores(),
                Sizes.gib(machine.memoryBytes()),
                machine.jdk(),
                machine.kernel(),
                machine.openFileLimitSoft(),
                plan.quick() ? "quick run" : "full run");

        ServerModel reference = referenceNetty();
        CClientComparison comparison = CClientComparison.prepare(this, runCClient, out.resolve("c-client"), reference);
        cClient = comparison.executable();
        CServerYardstick yardstick = CServerYardstick.prepare(this, out.resolve("c-server"));

        Map<ServerModel, List<BurstResult>> bursts =
                scenarios.contains(Scenario.BURST) ? new BurstPhase(this, comparison, yardstick).run(models) : Map.of();
        CServerResult burstYardstick = yardstick.result();
        GeneratorVsC generatorVsC = comparison.result(referenceBurstAt100(bursts, reference));
        List<StartupResult> startup =
                scenarios.contains(Scenario.STARTUP) ? new StartupPhase(this, root, java).run() : List.of();
        RawResult raw = scenarios.contains(Scenario.RAW)
                ? new RawPhase(this, RawPlan.of(plan), out.resolve("python")).run(models, reference)
                : RawResult.NONE;
        HeldPhase heldPhase = new HeldPhase(this);
        OfferedLoadPhase offeredPhase = new OfferedLoadPhase(this);
        List<ModelResult> results = new ArrayList<>();
        for (ServerModel model : models) {
            results.add(modelResult(
                    model,
                    bursts.getOrDefault(model, List.of()),
                    scenarios.contains(Scenario.HELD) ? heldPhase : null,
                    scenarios.contains(Scenario.OFFERED) && offeredLoad(model, reference) ? offeredPhase : null));
        }
        List<ModelResult> tls = scenarios.contains(Scenario.TLS)
                ? new TlsPhase(this, out.resolve("tls")).run(models, reference)
                : List.of();
        // The C server is one process: it cannot share a --processes run's levels past one process's files.
        CServerResult cServer = scenarios.contains(Scenario.HELD) && plan.processes() == 1
                ? burstYardstick.withHeld(yardstick.held(heldPhase))
                : burstYardstick;
        String problem = comparison.problem();
        if (problem != null && !notes.contains(problem)) {
            notes.add(problem);
        }
        if (cServer.note() != null) {
            notes.add(
                    cServer.status() == Status.NOT_MEASURED
                            ? cServer.note()
                            : "The minimal C server: " + cServer.note() + ".");
        }
        Settings settings = new Settings(
                plan,
                cClient != null ? "minimal C client" : "load generator",
                Arrays.stream(Scenario.values())
                        .filter(scenarios::contains)
                        .map(Scenario::toString)
                        .toList(),
                modelsAsked,
                java,
                serverJavaOptions,
                launcherOptions("netty-client"),
                root.toString(),
                out.toString());
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Results measured = new Results(
                started,
                plan.quick(),
                elapsed,
                machine,
                settings,
                results,
                generatorVsC,
                cServer,
                startup,
                tls,
                raw,
                List.of(),
                List.of());
        List<Target> targets = Targets.evaluate(measured, reference == null ? null : reference.name());
        notes.addAll(0, Notes.explain(measured, plan));
        return measured.withVerdict(targets, notes);
    }

    /** The Netty model the targets and the C comparison use: the best transport (what auto picks) in this run. */
    /** The reference Netty model's burst at concurrency 100, or null: no burst, or no Netty model in the run. */
    public static BurstResult referenceBurstAt100(Map<ServerModel, List<BurstResult>> bursts, ServerModel reference) {
        if (reference == null) {
            return null; // a run of threaded models only (Map.of() refuses a null key)
        }
        return bursts.getOrDefault(reference, List.of()).stream()
                .filter(b -> b.concurrency() == 100)
                .findFirst()
                .orElse(null);
    }

    public ServerModel referenceNetty() {
        for (String transport : transports.available()) {
            for (ServerModel model : models) {
                if (model.isNetty() && model.transport().equals(transport)) {
                    return model;
                }
            }
        }
        return null;
    }

    /** A model's bursts (already run) with its held levels, run now; or why it was skipped. */
    /**
     * Whether {@code model} runs the latency-against-load ladder: every threaded model and the
     * reference Netty one (the other transports' curves would much repeat it, at some two minutes a model).
     */
    private static boolean offeredLoad(ServerModel model, ServerModel reference) {
        return !model.isNetty() || model.equals(reference);
    }

    private ModelResult modelResult(
            ServerModel model, List<BurstResult> bursts, HeldPhase heldPhase, OfferedLoadPhase offeredPhase) {
        List<String> command = command(model);
        String unavailable = unavailable(model);
        if (unavailable != null) {
            say("%s: skipped, %s", model.name(), unavailable);
            return ModelResult.unavailable(model.name(), model, unavailable, command);
        }
        List<HeldResult> held = heldPhase == null ? List.of() : heldPhase.run(model);
        List<RateResult> offered = offeredPhase == null ? List.of() : offeredPhase.run(model);
        return new ModelResult(
                model.name(), model.kind().toString(), model.description(), true, null, command, bursts, held, offered);
    }

    // What the phases share ------------------------------------------------------------------------

    public Plan plan() {
        return plan;
    }

    /** Where every process's output goes. */
    public Path logs() {
        return logs;
    }

    /** Adds a sentence to the report's notes. */
    public void note(String note) {
        notes.add(note);
    }

    /** The launcher's options for the model, then the run's own (which win, as LISTLINES_JAVA_OPTS does). */
    private List<String> jvmOptions(ServerModel model) {
        List<String> all = new ArrayList<>(launcherOptions(ServerProcess.program(model)));
        all.addAll(serverJavaOptions);
        return all;
    }

    /** What {@code bin/PROGRAM} starts the JVM with. */
    public List<String> launcherOptions(String program) {
        return launcherOptions.computeIfAbsent(program, p -> {
            try {
                return ServerProcess.launcherOptions(root, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The load generator run as {@code bin/netty-client load ARGS} runs it: its launcher's JVM options. */
    public LoadRun.Outcome load(List<String> args, Duration limit, Path logBase) {
        return LoadRun.run(java, launcherOptions("netty-client"), jars.clientJar(), args, limit, logBase);
    }

    /** The model's command line as results.json shows it (with the project's jar, not the run's copy). */
    private List<String> command(ServerModel model) {
        return command(model, List.of());
    }

    /** As {@link #command(ServerModel)}, with {@code extraArguments} after the model's own (the raw race's framing). */
    public List<String> command(ServerModel model, List<String> extraArguments) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(model));
        command.addAll(List.of("-jar", ServerProcess.jar(root, model).toString()));
        command.addAll(ServerProcess.arguments(model, plan.serverIdleTimeoutSeconds()));
        command.addAll(extraArguments);
        return command;
    }

    /** Why a model cannot run here (transport missing, jar not built), or null. */
    public String unavailable(ServerModel model) {
        String unavailable = transports.unavailableReason(model);
        if (unavailable == null && !Files.isRegularFile(jars.serverJar(model))) {
            unavailable = ServerProcess.jar(root, model) + " does not exist (build it with mvn package)";
        }
        return unavailable;
    }

    public ServerProcess start(ServerModel model, String logName) throws IOException {
        return start(model, logName, List.of());
    }

    /** As {@link #start(ServerModel, String)}, with flags of a scenario's own after the model's (TLS: its certificate). */
    public ServerProcess start(ServerModel model, String logName, List<String> serverFlags) throws IOException {
        Path serverLog = logs.resolve(logName);
        List<String> args = new ArrayList<>(ServerProcess.arguments(model, plan.serverIdleTimeoutSeconds()));
        args.addAll(serverFlags);
        ServerProcess server = ServerProcess.start(java, jvmOptions(model), jars.serverJar(model), args, serverLog);
        say("%s: server pid %d listening on 127.0.0.1:%d", model.name(), server.pid(), server.port());
        return server;
    }

    /**
     * {@code n} servers of the model on one port, with {@code --reuse-port} when more than one (the
     * first on a free port, the others on its), each logging to its own file; one is {@link #start}.
     */
    public ServerGroup start(ServerModel model, String logName, int n) throws IOException {
        return start(model, logName, n, List.of());
    }

    /** As {@link #start(ServerModel, String, int)}, with flags of a scenario's own after the model's. */
    public ServerGroup start(ServerModel model, String logName, int n, List<String> serverFlags) throws IOException {
        if (n == 1) {
            return ServerGroup.of(start(model, logName, serverFlags));
        }
        List<ServerProcess> started = new ArrayList<>();
        try {
            int port = 0;
            for (int i = 1; i <= n; i++) {
                List<String> args =
                        new ArrayList<>(ServerProcess.arguments(model, plan.serverIdleTimeoutSeconds(), port, true));
                args.addAll(serverFlags);
                ServerProcess server = ServerProcess.start(
                        java, jvmOptions(model), jars.serverJar(model), args, logs.resolve(numbered(logName, "p" + i)));
                started.add(server);
                port = server.port();
            }
        } catch (IOException e) {
            started.forEach(ServerProcess::stop);
            throw e;
        }
        ServerGroup group = new ServerGroup(started);
        say(
                "%s: %d servers (pids %s) listening on 127.0.0.1:%d with --reuse-port",
                model.name(), n, group.pidList(), group.port());
        return group;
    }

    /** {@code name.log} as {@code name-PART.log} (a name without an extension gets {@code -PART} at its end). */
    public static String numbered(String logName, String part) {
        int dot = logName.lastIndexOf('.');
        return dot < 0 ? logName + "-" + part : logName.substring(0, dot) + "-" + part + logName.substring(dot);
    }

    /** Stops every server of a group, each as {@link #stop(String, ServerProcess)} does. */
    public void stop(String name, ServerGroup servers) {
        servers.processes().forEach(server -> stop(name, server));
    }

    /** Stops a server; a status other than 0 (a clean stop on SIGTERM) gets a note. */
    public void stop(String name, ServerProcess server) {
        int status = server.stop();
        if (status != 0) {
            notes.add(name + ": the server's process ended with status " + status
                    + " when stopped (0 is a clean stop on SIGTERM); log " + out.relativize(server.log()));
        }
    }

    /**
     * Sessions the server serves before anything is measured. The C client runs them when it was
     * compiled (it starts in a millisecond, a JVM in a second), else the load generator.
     */
    public void warmUp(String name, int port, long sessions, int concurrency, String stint) {
        warmUp(name, port, sessions, concurrency, stint, List.of());
    }

    /**
     * As {@link #warmUp(String, int, long, int, String)}; with {@code generatorFlags} (a scenario's
     * own, such as TLS, which the C client does not speak) always by the load generator, with them.
     */
    public void warmUp(
            String name, int port, long sessions, int concurrency, String stint, List<String> generatorFlags) {
        Duration limit = Duration.ofSeconds(120 + 3L * plan.clientTimeoutSeconds());
        String problem;
        if (cClient != null && generatorFlags.isEmpty()) {
            CClientRun c = MinimalClient.run(
                    cClient,
                    port,
                    sessions,
                    concurrency,
                    plan.clientTimeoutSeconds(),
                    limit,
                    logs.resolve(name + "-warmup-" + stint + ".log"));
            problem = c.error() != null ? c.error() : c.failed() > 0 ? c.failed() + " failed" : null;
        } else {
            List<String> args = LoadArgs.against(target(port))
                    .sessions(sessions)
                    .concurrency(concurrency)
                    .timeout(plan.clientTimeoutSeconds())
                    .noProgress()
                    .extra(generatorFlags)
                    .toList();
            LoadRun.Outcome o = load(args, limit, logs.resolve(name + "-warmup-" + stint));
            problem = o.error() != null
                    ? o.error()
                    : o.report().failed() > 0 ? o.report().failed() + " failed" : null;
        }
        if (problem != null) {
            notes.add(String.format(Locale.ROOT, "%s: the warm-up of %,d sessions: %s.", name, sessions, problem));
        }
        pause();
    }

    /** A load run with the server sampled from /proc meanwhile, and what the rest of the machine did. */
    public record Sampled(LoadRun.Outcome load, SampleSummary server, double otherCpuSeconds, String loadAverage) {
        /** What this found: the generator's report where it wrote one (none: no sessions counted). */
        public Run toRun() {
            LoadRun.Outcome o = load;
            LoadReport r = o.report();
            return new Run(
                    o.status(),
                    o.error(),
                    r != null ? r.completed() : 0,
                    r != null ? r.failed() : 0,
                    Run.failuresOf(r),
                    Run.round3(server.cpuSeconds()),
                    server.peakRssBytes(),
                    server.peakThreads(),
                    Run.round3(o.wallSeconds()),
                    Run.round3(o.cpuSeconds()),
                    otherCpuSeconds,
                    loadAverage,
                    r);
        }
    }

    public Sampled runSampled(ServerProcess server, List<String> args, Duration limit, String logName) {
        return runSampled(server.pid(), args, limit, logName);
    }

    /** As {@link #runSampled(ServerProcess, List, Duration, String)}, for any server process (the C server's too). */
    public Sampled runSampled(long serverPid, List<String> args, Duration limit, String logName) {
        return runSampled(List.of(serverPid), args, limit, logName);
    }

    /**
     * As {@link #runSampled(long, List, Duration, String)} against a group of servers, sampled as their
     * sum, with one load generator per argument list, all at once, their runs taken as one
     * ({@link LoadRun#combined}); one generator logs as {@code logName}, several as {@code logName-gN}.
     */
    public Sampled runSampled(ServerGroup servers, List<List<String>> generators, Duration limit, String logName) {
        if (generators.size() == 1) {
            return runSampled(servers.pids(), generators.getFirst(), limit, logName);
        }
        String loadAverage = ProcSampler.loadAverage();
        double busy0 = ProcSampler.machineBusySeconds();
        ProcSampler sampler = ProcSampler.start(servers.pids());
        List<CompletableFuture<LoadRun.Outcome>> runs = new ArrayList<>();
        for (int g = 0; g < generators.size(); g++) {
            List<String> args = generators.get(g);
            Path log = logs.resolve(logName + "-g" + (g + 1));
            runs.add(CompletableFuture.supplyAsync(
                    () -> load(args, limit, log),
                    runnable -> Thread.ofPlatform()
                            .daemon(true)
                            .name("load-" + log.getFileName())
                            .start(runnable)));
        }
        LoadRun.Outcome load =
                LoadRun.combined(runs.stream().map(CompletableFuture::join).toList());
        SampleSummary summary = sampler.finish();
        return new Sampled(load, summary, other(busy0, summary.cpuSeconds(), load.cpuSeconds()), loadAverage);
    }

    private Sampled runSampled(List<Long> serverPids, List<String> args, Duration limit, String logName) {
        String loadAverage = ProcSampler.loadAverage();
        double busy0 = ProcSampler.machineBusySeconds();
        ProcSampler sampler = ProcSampler.start(serverPids);
        LoadRun.Outcome load = load(args, limit, logs.resolve(logName));
        SampleSummary summary = sampler.finish();
        return new Sampled(load, summary, other(busy0, summary.cpuSeconds(), load.cpuSeconds()), loadAverage);
    }

    /** CPU-seconds the rest of the machine used since {@code busyBefore}: busy time minus server and generator. */
    private static double other(double busyBefore, double server, double generator) {
        double busy = ProcSampler.machineBusySeconds();
        return busyBefore < 0 || busy < 0 ? 0 : Run.round3(Math.max(0, busy - busyBefore - server - generator));
    }

    public static String target(ServerProcess server) {
        return target(server.port());
    }

    public static String target(int port) {
        return "127.0.0.1:" + port;
    }

    /** The plan's quiet time after a step, before the next. */
    public void pause() {
        sleep(plan.pauseMillis());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A progress line, with the seconds since the run began. */
    public void say(String format, Object... args) {
        if (progress != null) {
            progress.printf(
                    Locale.ROOT,
                    "[%4d s] %s%n",
                    (System.nanoTime() - t0) / 1_000_000_000L,
                    String.format(Locale.ROOT, format, args));
            progress.flush();
        }
    }
}
