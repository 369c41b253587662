package io.listlines.bench.run;

import io.listlines.bench.model.CClientRun;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.Profile;
import io.listlines.bench.proc.Children;
import io.listlines.bench.proc.GcLog;
import io.listlines.bench.proc.JarSnapshot;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.LoadRun;
import io.listlines.bench.proc.MinimalClient;
import io.listlines.bench.proc.ServerGroup;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.proc.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every scenario of a run runs its steps through: the plan, the models and the reference Netty
 * model, the jars (copied at the start), server processes (a Java server's collector pauses logged
 * beside its output, {@link GcLog}), warm-ups, load runs sampled from /proc, the minimal C client and
 * the yardsticks beside them (the minimal C server, bare Netty), the notes and the progress lines. Every step is
 * bounded in time; a step that fails is recorded as it is and the run moves on; servers are always
 * stopped. {@link BenchRun} runs the scenarios with it.
 */
public final class Harness implements AutoCloseable {
    private final Plan plan;
    private final Path root;
    private final Path out;
    private final Path logs;
    private final String java;
    private final List<String> serverJavaOptions;
    /** The launchers' options, by program (read once each). */
    private final Map<String, List<String>> launcherOptions = new ConcurrentHashMap<>();

    private final List<ServerModel> models;
    private final PrintStream progress;
    private final long t0 = System.nanoTime();
    private final List<String> notes = new ArrayList<>();
    /** Each Java server's GC log, by its pid. */
    private final Map<Long, Path> gcLogs = new ConcurrentHashMap<>();

    private JarSnapshot jars;
    private Transports transports;
    private ServerModel reference;
    private CClientComparison comparison;
    private List<Yardstick> yardsticks;

    public Harness(
            Plan plan,
            Path root,
            Path out,
            String java,
            List<String> serverJavaOptions,
            List<ServerModel> models,
            PrintStream progress) {
        this.plan = plan;
        this.serverJavaOptions = List.copyOf(serverJavaOptions);
        this.root = root;
        this.out = out;
        this.logs = out.resolve("logs");
        this.java = java;
        this.models = List.copyOf(models);
        this.progress = progress;
    }

    /**
     * Makes the run ready: the jars copied, the transports this machine has learned from the server's
     * jar, the reference model chosen, the C client ({@code runCClient}) and server compiled, bare Netty
     * on the transports of the run's Netty models ({@link #bareNettyTransports()}).
     */
    void open(boolean runCClient) throws IOException {
        Files.createDirectories(logs);
        jars = JarSnapshot.take(root);
        transports = Transports.probe(java, jars.serverJar(ServerModel.all().getFirst()));
        reference = referenceNetty();
        comparison = CClientComparison.prepare(this, runCClient, out.resolve("c-client"), reference);
        List<Yardstick> all = new ArrayList<>(List.of(Yardstick.cServer(this, out.resolve("c-server"))));
        Path bareNetty = jars.bareNettyJar();
        String missing = Files.isRegularFile(bareNetty)
                ? null
                : root.resolve(JarSnapshot.BARE_NETTY_JAR) + " does not exist (build it with mvn package)";
        for (String transport : bareNettyTransports()) {
            all.add(Yardstick.bareNetty(this, transport, bareNetty, missing));
        }
        yardsticks = List.copyOf(all);
    }

    /**
     * The transports bare Netty runs on: those of the run's Netty models that this machine has, best
     * first; in a quick run the first only (the reference model's).
     */
    private List<String> bareNettyTransports() {
        List<String> wanted = transports.available().stream()
                .filter(t -> models.stream()
                        .anyMatch(m -> m.isNetty() && m.transport().equals(t)))
                .toList();
        return Profile.of(plan.quick()).bareNettyEveryTransport() || wanted.isEmpty() ? wanted : wanted.subList(0, 1);
    }

    /** Deletes the jars' copies. */
    @Override
    public void close() {
        if (jars != null) {
            jars.close();
            jars = null;
        }
    }

    /** The Netty model the targets and the C comparison use: the best transport (what auto picks) in this run. */
    private ServerModel referenceNetty() {
        for (String transport : transports.available()) {
            for (ServerModel model : models) {
                if (model.isNetty() && model.transport().equals(transport)) {
                    return model;
                }
            }
        }
        return null;
    }

    /** The models of the run, in report order (available here or not). */
    public List<ServerModel> models() {
        return models;
    }

    /** The models of the run that this machine can run. */
    public List<ServerModel> modelsAvailable() {
        return models.stream().filter(m -> unavailable(m) == null).toList();
    }

    /** The reference Netty model (see {@link #referenceNetty()}), or null: no Netty model in the run. */
    public ServerModel reference() {
        return reference;
    }

    /** The load generator against the minimal C client, beside the reference model's bursts. */
    public CClientComparison comparison() {
        return comparison;
    }

    /** The yardsticks loaded beside the models: the minimal C server, then bare Netty on each transport. */
    public List<Yardstick> yardsticks() {
        return yardsticks;
    }

    /** The transports this machine has, best first. */
    List<String> transportsAvailable() {
        return transports.available();
    }

    /** The run's output directory: a scenario keeps what it makes (certificates, programs) in a directory of its own here. */
    public Path out() {
        return out;
    }

    /** The project's root. */
    public Path root() {
        return root;
    }

    /** The java that runs the servers and the generator. */
    public String java() {
        return java;
    }

    List<String> serverJavaOptions() {
        return serverJavaOptions;
    }

    /** The notes so far, in the order they were made. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Seconds since the run began. */
    double elapsedSeconds() {
        return (System.nanoTime() - t0) / 1e9;
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

    /**
     * {@code bin/PROGRAM}'s options for a server started with {@code args} (a line may depend on a flag), then
     * {@code logging}, then the run's own (which win, as LISTLINES_JAVA_OPTS does).
     */
    private List<String> jvmOptions(String program, List<String> args, List<String> logging) {
        List<String> all = new ArrayList<>(launcherOptions(program, args));
        all.addAll(logging);
        all.addAll(serverJavaOptions);
        return all;
    }

    /**
     * Starts a Java server as {@code java OPTIONS -jar JAR ARGS} with {@code program}'s launcher options (for
     * those arguments) and the run's, its collector's pauses logged beside {@code log} ({@link GcLog}: observed,
     * not tuned).
     */
    private ServerProcess startJava(String program, Path jar, List<String> args, Path log) throws IOException {
        Path gcLog = GcLog.beside(log);
        ServerProcess server =
                ServerProcess.start(java, jvmOptions(program, args, List.of(GcLog.option(gcLog))), jar, args, log);
        long pid = server.pid();
        gcLogs.put(pid, gcLog);
        // Forgotten when the JVM exits: a later server (the C one) given the same pid must not take its log.
        ProcessHandle.of(pid)
                .ifPresentOrElse(
                        h -> h.onExit().thenRun(() -> gcLogs.remove(pid, gcLog)), () -> gcLogs.remove(pid, gcLog));
        return server;
    }

    /**
     * Bare Netty from {@code jar} on {@code transport}, loopback and a free port, with netty-server's
     * JVM options (as the Netty models get them), logging to {@code logName}.
     */
    ServerProcess startBareNetty(Path jar, String transport, String logName) throws IOException {
        return startJava("netty-server", jar, List.of("127.0.0.1", "0", transport), logs.resolve(logName));
    }

    /** What {@code bin/PROGRAM} starts the JVM with, given no arguments. */
    public List<String> launcherOptions(String program) {
        return launcherOptions(program, List.of());
    }

    /** What {@code bin/PROGRAM ARGS} starts the JVM with (a line of its options file may depend on a flag). */
    public List<String> launcherOptions(String program, List<String> args) {
        return launcherOptions.computeIfAbsent(program + "\u0000" + String.join("\u0000", args), key -> {
            try {
                return ServerProcess.launcherOptions(root, program, args);
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
    List<String> command(ServerModel model) {
        return command(model, List.of());
    }

    /** As {@link #command(ServerModel)}, with {@code extraArguments} after the model's own (the raw race's framing). */
    public List<String> command(ServerModel model, List<String> extraArguments) {
        List<String> args = new ArrayList<>(ServerProcess.arguments(model, plan.serverIdleTimeoutSeconds()));
        args.addAll(extraArguments);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(ServerProcess.program(model), args, List.of()));
        command.addAll(List.of("-jar", ServerProcess.jar(root, model).toString()));
        command.addAll(args);
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
        return start(model, logName, serverFlags, true);
    }

    /**
     * As {@link #start(ServerModel, String, List)}; with {@code quiet} false, without the model's {@code --quiet}:
     * the server logs every session, as it does for a user who leaves it out (the features scenario prices that).
     */
    public ServerProcess start(ServerModel model, String logName, List<String> serverFlags, boolean quiet)
            throws IOException {
        Path serverLog = logs.resolve(logName);
        List<String> args = new ArrayList<>(ServerProcess.arguments(model, plan.serverIdleTimeoutSeconds()));
        if (!quiet) {
            args.remove("--quiet");
        }
        args.addAll(serverFlags);
        ServerProcess server = startJava(ServerProcess.program(model), jars.serverJar(model), args, serverLog);
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
                ServerProcess server = startJava(
                        ServerProcess.program(model),
                        jars.serverJar(model),
                        args,
                        logs.resolve(ServerGroup.numbered(logName, "p" + i)));
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
        Path cClient = comparison.executable();
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
            List<String> args = LoadArgs.against(LoadArgs.target(port))
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
        return Sampled.during(servers.pids(), gcLogs(servers.pids()), () -> {
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
            return LoadRun.combined(runs.stream().map(CompletableFuture::join).toList());
        });
    }

    private Sampled runSampled(List<Long> serverPids, List<String> args, Duration limit, String logName) {
        return Sampled.during(serverPids, gcLogs(serverPids), () -> load(args, limit, logs.resolve(logName)));
    }

    /** The GC logs of those of {@code pids} that are Java servers. */
    private List<Path> gcLogs(List<Long> pids) {
        return pids.stream().map(gcLogs::get).filter(Objects::nonNull).toList();
    }

    /** The plan's quiet time after a step, before the next. */
    public void pause() {
        Children.sleep(plan.pauseMillis());
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
