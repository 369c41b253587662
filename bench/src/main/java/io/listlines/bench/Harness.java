package io.listlines.bench;

import io.listlines.bench.Results.BurstResult;
import io.listlines.bench.Results.GeneratorVsC;
import io.listlines.bench.Results.HeldResult;
import io.listlines.bench.Results.ModelResult;
import io.listlines.bench.Results.Status;
import io.listlines.client.LoadReport;
import io.listlines.client.Outcome;
import io.listlines.runtime.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipFile;

/**
 * Runs the plan against each model: every server in its own JVM, the load generator (and the C
 * client) in others, the server sampled from /proc. Every step is bounded in time; a step that
 * fails is recorded as it is and the harness moves on; servers are always stopped.
 */
final class Harness {
    private final Plan plan;
    private final Path root;
    private final Path out;
    private final Path logs;
    private final String java;
    private final List<String> serverJavaOptions;
    private final List<ServerModel> models;
    private final boolean runCClient;
    private final PrintStream progress;
    private final long t0 = System.nanoTime();
    private final List<String> notes = new ArrayList<>();

    private Path cClient;
    private Path snapshot;
    private String cClientProblem;
    private GeneratorVsC generatorVsC;

    Harness(Plan plan, Path root, Path out, String java, List<String> serverJavaOptions, List<ServerModel> models,
            boolean runCClient, PrintStream progress) {
        this.plan = plan;
        this.serverJavaOptions = List.copyOf(serverJavaOptions);
        this.root = root;
        this.out = out;
        this.logs = out.resolve("logs");
        this.java = java;
        this.models = models;
        this.runCClient = runCClient;
        this.progress = progress;
    }

    /** The jar a model runs from: the run's private copy, once taken. */
    Path serverJar(ServerModel model) {
        Path jar = model.jar(root);
        return snapshot == null ? jar : snapshot.resolve(jar.getFileName());
    }

    Path clientJar() {
        Path jar = root.resolve("netty-client/target/netty-client.jar");
        return snapshot == null ? jar : snapshot.resolve(jar.getFileName());
    }

    /** Runs everything and returns the results (nothing written yet). */
    Results run(List<String> modelsAsked) throws IOException {
        Files.createDirectories(logs);
        snapshot = copyJars();
        try {
            return runAll(modelsAsked);
        } finally {
            deleteTree(snapshot);
            snapshot = null;
        }
    }

    /**
     * Copies the jars the run starts into a private directory, so that a rebuild of the project
     * while the bench runs (which rewrites target/*.jar under running JVMs) cannot break it. A jar
     * caught half-written is copied again after a pause.
     */
    private Path copyJars() throws IOException {
        Path dir = Files.createTempDirectory("listlines-bench-jars");
        dir.toFile().deleteOnExit();    // also on Ctrl-C; files registered later are deleted first
        for (String jar : List.of("netty-server/target/netty-server.jar", "threaded-server/target/threaded-server.jar",
                "netty-client/target/netty-client.jar")) {
            Path source = root.resolve(jar);
            if (!Files.isRegularFile(source)) {
                continue;
            }
            Path copy = dir.resolve(source.getFileName());
            copy.toFile().deleteOnExit();
            for (int attempt = 1; ; attempt++) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                try (ZipFile zip = new ZipFile(copy.toFile())) {
                    if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
                        break;
                    }
                } catch (IOException e) {
                    // half-written: try again
                }
                if (attempt == 10) {
                    throw new IOException(source + " is not a complete jar (is it being rebuilt?)");
                }
                sleep(2000);
            }
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory: leave it
        }
    }

    private Results runAll(List<String> modelsAsked) throws IOException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Machine machine = Machine.describe(java);
        say("machine: %d cores, %s, %s, kernel %s, open files %d; %s", machine.cores(), gib(machine.memoryBytes()),
                machine.jdk(), machine.kernel(), machine.openFileLimitSoft(), plan.quick() ? "quick run" : "full run");

        ServerModel reference = referenceNetty();
        if (runCClient) {
            try {
                cClient = MinimalClient.compile(out.resolve("c-client"));
                if (reference == null) {
                    cClientProblem = "the load generator was not compared with the minimal C client: no Netty model in this run";
                }
            } catch (IOException e) {
                cClientProblem = "the minimal C client was not run: " + e.getMessage();
            }
        } else {
            cClientProblem = "the minimal C client was not run (--no-c-client)";
        }

        Map<ServerModel, List<BurstResult>> bursts = burstPhase(reference);
        List<ModelResult> results = new ArrayList<>();
        for (ServerModel model : models) {
            results.add(runModel(model, bursts.getOrDefault(model, List.of())));
        }
        if (generatorVsC == null) {
            generatorVsC = GeneratorVsC.notMeasured(cClientProblem, reference == null ? null : reference.name(), plan.burstSessions());
        }
        if (cClientProblem != null && !notes.contains(cClientProblem)) {
            notes.add(cClientProblem);
        }
        Results.Settings settings = new Results.Settings(plan.burstSessions(), plan.burstConcurrency(),
                plan.burstWarmupSeconds(), plan.burstRounds(), plan.serverWarmupSessions(), plan.heldWarmupSessions(), plan.heldLevels(), plan.thinkMillis(),
                plan.holdSeconds(), plan.clientTimeoutSeconds(), plan.serverIdleTimeoutSeconds(),
                plan.freshServerPerHeldLevel(), plan.rampHeld(),
                cClient != null ? "minimal C client" : "load generator", modelsAsked, java, serverJavaOptions, root.toString(), out.toString());
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Results partial = new Results(started, plan.quick(), elapsed, machine, settings, results, generatorVsC, List.of(), List.of());
        List<Results.Target> targets = Targets.evaluate(partial, reference == null ? null : reference.name());
        notes.addAll(0, Notes.explain(partial, plan));
        return new Results(started, plan.quick(), elapsed, machine, settings, results, generatorVsC, targets, List.copyOf(notes));
    }

    /** The Netty model the targets and the C comparison use: the best transport (what auto picks) in this run. */
    ServerModel referenceNetty() {
        for (Transport transport : Transport.available()) {
            for (ServerModel model : models) {
                if (model.isNetty() && model.transport().equals(transport.toString())) {
                    return model;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------

    /** A step against a running held-phase server. */
    private sealed interface Step permits WarmUp, Baseline, Held {
    }

    private record WarmUp(long sessions, int concurrency) implements Step {
    }

    private record Baseline() implements Step {
    }

    private record Held(int level) implements Step {
    }

    /** The held phase's server processes and the steps run against each, in order. */
    private List<List<Step>> heldStints() {
        List<List<Step>> stints = new ArrayList<>();
        if (plan.freshServerPerHeldLevel()) {
            for (int level : plan.heldLevels()) {
                stints.add(List.of(new WarmUp(plan.heldWarmupSessions(), 100), new Baseline(), new Held(level)));
            }
        } else {
            List<Step> all = new ArrayList<>(List.of(new WarmUp(plan.heldWarmupSessions(), 50), new Baseline()));
            for (int level : plan.heldLevels()) {
                all.add(new Held(level));
            }
            stints.add(all);
        }
        return stints;
    }

    private List<String> jvmOptions(ServerModel model) {
        List<String> options = new ArrayList<>(model.jvmOptions());
        options.addAll(serverJavaOptions);
        return options;
    }

    private List<String> command(ServerModel model) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(model));
        command.addAll(List.of("-jar", model.jar(root).toString()));
        command.addAll(model.arguments(plan.serverIdleTimeoutSeconds()));
        return command;
    }

    /** Why a model cannot run here (transport missing, jar not built), or null. */
    private String unavailable(ServerModel model) {
        String unavailable = model.unavailableReason();
        if (unavailable == null && !Files.isRegularFile(serverJar(model))) {
            unavailable = model.jar(root) + " does not exist (build it with mvn package)";
        }
        return unavailable;
    }

    private ServerProcess start(ServerModel model, String logName) throws IOException {
        Path serverLog = logs.resolve(logName);
        ServerProcess server = ServerProcess.start(java, jvmOptions(model), serverJar(model),
                model.arguments(plan.serverIdleTimeoutSeconds()), serverLog);
        say("%s: server pid %d listening on 127.0.0.1:%d", model.name(), server.pid(), server.port());
        return server;
    }

    private void stop(ServerModel model, ServerProcess server) {
        int status = server.stop();
        if (status != 0) {
            notes.add(model.name() + ": the server's process ended with status " + status
                    + " when stopped (0 is a clean stop on SIGTERM); log " + out.relativize(server.log()));
        }
    }

    /**
     * The bursts of every model, interleaved: one burst server per model, all started and warmed up
     * first, then rounds, each running every model once at each concurrency. The machine is shared
     * and its speed drifts by a third over minutes here; run one model after another and the drift
     * lands on whichever model ran at the time, interleaved it lands on all alike. Each model's
     * figure is its median round. The reference model's burst at 100 is bracketed by runs of the
     * minimal C client in every round.
     */
    private Map<ServerModel, List<BurstResult>> burstPhase(ServerModel reference) {
        Map<ServerModel, ServerProcess> servers = new LinkedHashMap<>();
        Map<ServerModel, Map<Integer, List<BurstResult>>> rounds = new LinkedHashMap<>();
        Map<ServerModel, String> down = new LinkedHashMap<>();
        List<MinimalClient.Result> cRuns = new ArrayList<>();
        try {
            for (ServerModel model : models) {
                if (unavailable(model) != null) {
                    continue;
                }
                rounds.put(model, new LinkedHashMap<>());
                try {
                    ServerProcess server = start(model, model.name() + "-server-burst.log");
                    servers.put(model, server);
                    warmUp(model, server, new WarmUp(plan.serverWarmupSessions(), 100), "burst");
                } catch (IOException e) {
                    say("%s: the server did not start: %s", model.name(), e.getMessage());
                    down.put(model, "the server did not start: " + e.getMessage());
                }
            }
            List<ServerModel> order = new ArrayList<>(rounds.keySet());
            for (int round = 1; round <= plan.burstRounds(); round++) {
                // each round starts one model later, so a drift within a round does not always land on the same ones
                List<ServerModel> thisRound = new ArrayList<>(order);
                Collections.rotate(thisRound, -(round - 1));
                for (int c : plan.burstConcurrency()) {
                    for (ServerModel model : thisRound) {
                        List<BurstResult> runs = rounds.get(model).computeIfAbsent(c, k -> new ArrayList<>());
                        ServerProcess server = servers.get(model);
                        if (!down.containsKey(model) && !server.isAlive()) {
                            down.put(model, "the server process had exited: " + ServerProcess.tail(server.log()));
                        }
                        if (down.containsKey(model)) {
                            runs.add(serverDown(c, down.get(model)));
                            continue;
                        }
                        boolean bracket = model.equals(reference) && c == 100 && cClient != null;
                        if (bracket) {
                            cRuns.add(runC(model, server, cRuns.size() + 1));
                        }
                        runs.add(burst(model, server, c, round));
                        if (bracket && server.isAlive()) {
                            cRuns.add(runC(model, server, cRuns.size() + 1));
                        }
                    }
                }
            }
        } finally {
            servers.forEach(this::stop);
        }
        Map<ServerModel, List<BurstResult>> bursts = new LinkedHashMap<>();
        rounds.forEach((model, byConcurrency) -> {
            byConcurrency.forEach((c, runs) -> {
                boolean anyEndedWell = runs.stream().anyMatch(BurstResult::endedWell);
                for (int i = 0; i < runs.size() && anyEndedWell; i++) {
                    BurstResult run = runs.get(i);
                    if (!run.endedWell()) {
                        notes.add(String.format(Locale.ROOT, "%s, burst at concurrency %,d, round %d: %s%s; the figure is the "
                                + "median of the rounds that ended well.", model.name(), c, i + 1, run.status(),
                                run.error() == null ? "" : ": " + run.error()));
                    }
                }
            });
            bursts.put(model, byConcurrency.values().stream().map(Harness::median).toList());
        });
        if (reference != null && !cRuns.isEmpty()) {
            List<BurstResult> referenceBursts = bursts.getOrDefault(reference, List.of());
            compareWithC(reference, cRuns, referenceBursts.stream().filter(b -> b.concurrency() == 100).findFirst().orElse(null));
        }
        return bursts;
    }

    /**
     * A concurrency's rounds as one result: the median of the rounds that ended well (the lower of
     * the middle two when they are even), else the first round, which did not. Every round's
     * sessions/s and failures go with it.
     */
    static BurstResult median(List<BurstResult> runs) {
        List<Double> rates = runs.stream().map(BurstResult::sessionsPerSecond).toList();
        List<Long> failed = runs.stream().map(BurstResult::failed).toList();
        List<BurstResult> ok = runs.stream().filter(BurstResult::endedWell)
                .sorted(Comparator.comparingDouble(BurstResult::sessionsPerSecond)).toList();
        BurstResult chosen = ok.isEmpty() ? runs.getFirst() : ok.get((ok.size() - 1) / 2);
        return chosen.withRounds(rates, failed);
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private ModelResult runModel(ServerModel model, List<BurstResult> bursts) {
        List<String> command = command(model);
        String unavailable = unavailable(model);
        if (unavailable != null) {
            say("%s: skipped, %s", model.name(), unavailable);
            return new ModelResult(model.name(), model.kind(), model.description(), false, unavailable, command, List.of(), List.of());
        }
        Map<Integer, HeldResult> held = new LinkedHashMap<>();
        int stintNumber = 0;
        for (List<Step> stint : heldStints()) {
            stintNumber++;
            ServerProcess server;
            try {
                server = start(model, model.name() + "-server-held-" + stintNumber + ".log");
            } catch (IOException e) {
                say("%s: the server did not start: %s", model.name(), e.getMessage());
                for (Step step : stint) {
                    recordDown(step, "the server did not start: " + e.getMessage(), held);
                }
                continue;
            }
            ProcSampler.Sample baseline = null;
            try {
                for (Step step : stint) {
                    if (!server.isAlive()) {
                        recordDown(step, "the server process had exited: " + ServerProcess.tail(server.log()), held);
                        continue;
                    }
                    switch (step) {
                        case WarmUp w -> warmUp(model, server, w, "held-" + stintNumber);
                        case Baseline b -> baseline = baseline(server);
                        case Held h -> held.put(h.level(), held(model, server, h.level(), baseline));
                    }
                }
            } finally {
                stop(model, server);
            }
        }
        return new ModelResult(model.name(), model.kind(), model.description(), true, null, command,
                bursts, List.copyOf(held.values()));
    }

    private BurstResult serverDown(int concurrency, String why) {
        return BurstResult.builder(concurrency, Status.SERVER_DOWN).error(why).sessionsRequested(plan.burstSessions())
                .failures(failures(null)).loadAverageBefore(loadAverage()).build();
    }

    private void recordDown(Step step, String why, Map<Integer, HeldResult> held) {
        if (step instanceof Held h) {
            held.put(h.level(), HeldResult.builder(h.level(), Status.SERVER_DOWN).error(why).thinkMillis(plan.thinkMillis())
                    .rate(plan.heldRate(h.level())).durationSeconds(plan.heldDurationSeconds()).failures(failures(null))
                    .loadAverageBefore(loadAverage()).build());
        }
    }

    /**
     * Sessions the server serves before anything is measured. The C client runs them when it was
     * compiled (it starts in a millisecond, a JVM in a second), else the load generator.
     */
    private void warmUp(ServerModel model, ServerProcess server, WarmUp w, String stint) {
        Duration limit = Duration.ofSeconds(120 + 3L * plan.clientTimeoutSeconds());
        String problem;
        if (cClient != null) {
            MinimalClient.Result c = MinimalClient.run(cClient, server.port(), w.sessions(), w.concurrency(),
                    plan.clientTimeoutSeconds(), limit, logs.resolve(model.name() + "-warmup-" + stint + ".log"));
            problem = c.error() != null ? c.error() : c.failed() > 0 ? c.failed() + " failed" : null;
        } else {
            List<String> args = List.of("--target", target(server), "--sessions", Long.toString(w.sessions()),
                    "--concurrency", Integer.toString(w.concurrency()), "--timeout", Integer.toString(plan.clientTimeoutSeconds()),
                    "--no-progress");
            LoadRun.Outcome o = LoadRun.run(java, clientJar(), args, limit, logs.resolve(model.name() + "-warmup-" + stint));
            problem = o.error() != null ? o.error() : o.report().failed() > 0 ? o.report().failed() + " failed" : null;
        }
        if (problem != null) {
            notes.add(String.format(Locale.ROOT, "%s: the warm-up of %,d sessions: %s.", model.name(), w.sessions(), problem));
        }
        pause();
    }

    private ProcSampler.Sample baseline(ServerProcess server) {
        ProcSampler.Sample sample = null;
        for (int i = 0; i < 3; i++) {
            sleep(ProcSampler.INTERVAL_MILLIS);
            ProcSampler.Sample s = ProcSampler.read(server.pid(), true, 0);
            if (s != null) {
                sample = s;
            }
        }
        return sample;
    }

    /** A load run with the server sampled from /proc meanwhile, and what the rest of the machine did. */
    private record Sampled(LoadRun.Outcome load, ProcSampler.Summary server, double otherCpuSeconds, String loadAverage) {
    }

    private Sampled runSampled(ServerProcess server, List<String> args, Duration limit, String logName) {
        String loadAverage = loadAverage();
        double busy0 = ProcSampler.machineBusySeconds();
        ProcSampler sampler = ProcSampler.start(server.pid());
        LoadRun.Outcome load = LoadRun.run(java, clientJar(), args, limit, logs.resolve(logName));
        ProcSampler.Summary summary = sampler.finish();
        return new Sampled(load, summary, other(busy0, summary.cpuSeconds(), load.cpuSeconds()), loadAverage);
    }

    private BurstResult burst(ServerModel model, ServerProcess server, int concurrency, int round) {
        List<String> args = new ArrayList<>(List.of("--target", target(server), "--sessions", Long.toString(plan.burstSessions()),
                "--concurrency", Integer.toString(concurrency), "--timeout", Integer.toString(plan.clientTimeoutSeconds()),
                "--duration", Integer.toString(plan.burstLimitSeconds())));
        if (plan.burstWarmupSeconds() > 0) {
            args.addAll(List.of("--warmup", Integer.toString(plan.burstWarmupSeconds())));
        }
        Duration limit = Duration.ofSeconds(plan.burstLimitSeconds() + 3L * plan.clientTimeoutSeconds() + 50);
        Sampled sampled = runSampled(server, args, limit, model.name() + "-burst-c" + concurrency + "-round-" + round);
        LoadRun.Outcome o = sampled.load();
        ProcSampler.Summary s = sampled.server();
        double other = sampled.otherCpuSeconds();
        String loadAverage = sampled.loadAverage();
        LoadReport r = o.report();
        long run = r != null ? r.started() : o.progressCompleted() + o.progressFailed();
        long completed = r != null ? r.completed() : o.progressCompleted();
        long failed = r != null ? r.failed() : o.progressFailed();
        long ranToTheEnd = Math.max(0, run - failed);
        double rate = r != null ? r.sessionsPerSecond() : 0;
        LoadReport.Latency session = r != null ? r.latencyMillis().get(LoadReport.SESSION) : null;
        BurstResult result = BurstResult.builder(concurrency, status(o)).error(o.error())
                .sessionsRequested(plan.burstSessions()).sessionsRun(run).completed(completed).failed(failed).failures(failures(r))
                .sessionsPerSecond(rate).roundsSessionsPerSecond(List.of(rate)).roundsFailed(List.of(failed))
                .latencyP50Millis(session != null ? session.p50() : 0).latencyP99Millis(session != null ? session.p99() : 0)
                .serverCpuSeconds(round3(s.cpuSeconds()))
                .serverCpuSecondsPer1000Sessions(ranToTheEnd > 0 ? round3(s.cpuSeconds() / ranToTheEnd * 1000) : 0)
                .peakRssBytes(s.peakRssBytes()).peakThreads(s.peakThreads())
                .wallSeconds(round3(o.wallSeconds())).loadGeneratorCpuSeconds(round3(o.cpuSeconds())).otherCpuSeconds(other)
                .loadAverageBefore(loadAverage).generator(r).build();
        say("%s: burst c=%d, round %d: %,.0f sessions/s, p50 %.1f ms, p99 %.1f ms, %,d failed, server CPU %.2f s/1,000 sessions%s",
                model.name(), concurrency, round, result.sessionsPerSecond(), result.latencyP50Millis(), result.latencyP99Millis(),
                failed, result.serverCpuSecondsPer1000Sessions(), o.error() == null ? "" : " [" + o.error() + "]");
        pause();
        return result;
    }

    /**
     * Source addresses of the held clients, round-robin. From one address, 19,000 connections to one
     * port, renewed as sessions end, fill most of the 28,000 ephemeral ports; connect() then searches
     * long for a free one, the generator's event loops stall, and clients time out for a reason that
     * is not the server's (3,168 of 19,000 in a trial here, none with these four).
     */
    static final List<String> HELD_SOURCES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");

    private HeldResult held(ServerModel model, ServerProcess server, int level, ProcSampler.Sample idle) {
        if (idle == null) {
            idle = ProcSampler.read(server.pid(), true, 0);
        }
        double rate = plan.heldRate(level);
        int duration = plan.heldDurationSeconds();
        List<String> args = new ArrayList<>(List.of("--target", target(server), "--hold", "--concurrency", Integer.toString(level),
                "--think", Integer.toString(plan.thinkMillis()), "--duration", Integer.toString(duration),
                "--timeout", Integer.toString(plan.clientTimeoutSeconds())));
        if (rate > 0) {
            args.addAll(List.of("--rate", String.format(Locale.ROOT, "%.0f", rate)));
        }
        for (String source : HELD_SOURCES) {
            args.addAll(List.of("--bind", source));
        }
        // The generator stops starting sessions at --duration and lets those in flight end: a session
        // lasts ten think times, or a timeout or two for a client left waiting.
        Duration limit = Duration.ofMillis(duration * 1000L + 10L * plan.thinkMillis()
                + 3000L * plan.clientTimeoutSeconds() + 60_000);
        Sampled sampled = runSampled(server, args, limit, model.name() + "-held-" + level);
        LoadRun.Outcome o = sampled.load();
        ProcSampler.Summary s = sampled.server();
        double other = sampled.otherCpuSeconds();
        String loadAverage = sampled.loadAverage();
        LoadReport r = o.report();
        long peakOpen = r != null ? r.peakOpen() : 0;
        long idleRss = idle == null ? 0 : idle.rssBytes();
        int idleFds = idle == null ? 0 : Math.max(0, idle.fds());
        double perConnection = peakOpen > 0 ? Math.round((double) (s.peakRssBytes() - idleRss) / peakOpen) : 0;
        HeldResult result = HeldResult.builder(level, status(o)).error(o.error())
                .thinkMillis(plan.thinkMillis()).rate(rate).durationSeconds(duration)
                .peakOpen(peakOpen).serverConnectionsPeak(Math.max(0, s.peakFds() - idleFds))
                .completed(r != null ? r.completed() : o.progressCompleted()).failed(r != null ? r.failed() : o.progressFailed())
                .failures(failures(r))
                .idleRssBytes(idleRss).idleThreads(idle == null ? 0 : idle.threads()).idleFds(idleFds)
                .peakRssBytes(s.peakRssBytes()).peakThreads(s.peakThreads()).peakFds(s.peakFds())
                .rssPerConnectionBytes(perConnection).serverCpuSeconds(round3(s.cpuSeconds()))
                .wallSeconds(round3(o.wallSeconds())).loadGeneratorCpuSeconds(round3(o.cpuSeconds())).otherCpuSeconds(other)
                .loadAverageBefore(loadAverage).samples(s.series()).generator(r).build();
        say("%s: held %,d: %,d open at the peak (server: %,d), %,d failed, RSS %s idle -> %s peak (%.1f KB/connection), "
                        + "threads %d -> %d%s", model.name(), level, peakOpen, result.serverConnectionsPeak(), result.failed(),
                mib(idleRss), mib(s.peakRssBytes()), perConnection / 1024, result.idleThreads(), s.peakThreads(),
                o.error() == null ? "" : " [" + o.error() + "]");
        pause();
        return result;
    }

    private MinimalClient.Result runC(ServerModel model, ServerProcess server, int n) {
        Duration limit = Duration.ofSeconds(plan.burstLimitSeconds() + 3L * plan.clientTimeoutSeconds() + 30);
        MinimalClient.Result c = MinimalClient.run(cClient, server.port(), plan.burstSessions(), 100,
                plan.clientTimeoutSeconds(), limit, logs.resolve(model.name() + "-c-client-" + n + ".log"));
        say("%s: minimal C client, c=100: %,.0f sessions/s, %,d failed%s", model.name(), c.sessionsPerSecond(), c.failed(),
                c.error() == null ? "" : " [" + c.error() + "]");
        pause();
        return c;
    }

    /** The generator's burst at 100 (its median round) against the median of the C client's runs around it. */
    private void compareWithC(ServerModel model, List<MinimalClient.Result> runs, BurstResult generator) {
        List<MinimalClient.Result> good = runs.stream().filter(r -> r.completed() > 0 && r.sessionsPerSecond() > 0).toList();
        double c = median(good.stream().mapToDouble(MinimalClient.Result::sessionsPerSecond).toArray());
        double generatorRate = generator == null || !generator.endedWell() ? 0 : generator.sessionsPerSecond();
        double ratio = c > 0 ? round3(generatorRate / c) : 0;
        String note = runs.stream().map(MinimalClient.Result::error).filter(Objects::nonNull).findFirst()
                .orElse(generatorRate <= 0 ? "the load generator's burst at concurrency 100 did not finish" : null);
        Status status = c > 0 && generatorRate > 0 ? Status.OK : good.isEmpty() ? Status.ERROR : Status.NO_SESSIONS;
        generatorVsC = new GeneratorVsC(status, note, model.name(), plan.burstSessions(), 100, generatorRate, round3(c), ratio,
                List.copyOf(runs));
        say("%s: load generator %,.0f sessions/s against the C client's %,.0f (median of %d runs): %.0f%%", model.name(),
                generatorRate, c, good.size(), ratio * 100);
    }

    // ---------------------------------------------------------------------------------------------

    private static Status status(LoadRun.Outcome o) {
        if (o.overran()) {
            return Status.OVERRUN;
        }
        if (o.exitStatus() == 2) {
            return Status.REFUSED;
        }
        if (o.report() == null) {
            return Status.ERROR;
        }
        if (o.exitStatus() == 1 || o.report().completed() == 0) {
            return Status.NO_SESSIONS;
        }
        return o.exitStatus() == 0 ? Status.OK : Status.ERROR;
    }

    /** Failed sessions by cause, under the report's keys; every cause 0 without a report. */
    private static Map<String, Long> failures(LoadReport report) {
        if (report != null) {
            return report.failuresByKey();
        }
        Map<String, Long> none = new LinkedHashMap<>();
        Outcome.failures().forEach(cause -> none.put(cause.key(), 0L));
        return none;
    }

    /** CPU-seconds the rest of the machine used since {@code busyBefore}: busy time minus server and generator. */
    private static double other(double busyBefore, double server, double generator) {
        double busy = ProcSampler.machineBusySeconds();
        return busyBefore < 0 || busy < 0 ? 0 : round3(Math.max(0, busy - busyBefore - server - generator));
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] f = String.join(" ", Files.readAllLines(Path.of("/proc/loadavg"))).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String target(ServerProcess server) {
        return "127.0.0.1:" + server.port();
    }

    private void pause() {
        sleep(plan.pauseMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private void say(String format, Object... args) {
        if (progress != null) {
            progress.printf(Locale.ROOT, "[%4d s] %s%n", (System.nanoTime() - t0) / 1_000_000_000L,
                    String.format(Locale.ROOT, format, args));
            progress.flush();
        }
    }
}
