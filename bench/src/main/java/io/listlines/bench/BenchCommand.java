package io.listlines.bench;

import io.listlines.bench.analysis.Verdict;
import io.listlines.bench.model.Json;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Target;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.Children;
import io.listlines.bench.report.Charts;
import io.listlines.bench.report.MarkdownReport;
import io.listlines.bench.run.BenchRun;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import io.listlines.bench.scenario.Scenarios;
import io.listlines.runtime.ProgramVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/bench [--quick] [--out DIR]}: the comparison of every server model. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = ProgramVersion.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Runs every server model in its own JVM (Netty on io_uring, epoll and NIO where the machine has them; "
                    + "thread-per-client; the pool with the article's 2 threads and with 200; virtual threads), all with "
                    + "per-line logging off, and loads each with the load generator (netty-client load) in another process.",
            "",
            "burst: full sessions as fast as they go at concurrency 100 and 1,000 (50,000 sessions each): sessions/s, "
                    + "session latency p50/p99, server CPU-seconds per 1,000 sessions.",
            "held: 1,000, 5,000, 10,000 and 19,000 slow clients (1,000 ms before each line) at once: connections held, "
                    + "failures, server RSS and threads at the peak, RSS per connection above the idle baseline.",
            "tls: a burst of 10,000 sessions at concurrency 100 (each a new handshake, its latency reported apart) and "
                    + "the held levels over TLS, ramped in at 400 new handshakes a second at most (the clients think longer "
                    + "where the plan's would ask more), every model, the Netty one the server picks with OpenSSL and with "
                    + "the JDK's engine.",
            "offered load: open-loop runs at 1,000 ... 14,000 new sessions a second, each model up to the first rate it "
                    + "cannot keep up with (its knee): session latency p50/p99/p99.9 against the rate, coordinated "
                    + "omission corrected; every threaded model and the Netty one the server picks.",
            "raw: the article's own servers (thread-per-client and the pool of 2 threads, Python 3), a Python asyncio "
                    + "server and the Java models with --framing raw, each a burst at concurrency 100 and held levels "
                    + "100, 1,000 and 5,000, by the load generator in raw framing (the Python ones skipped, with a note, "
                    + "without python3).",
            "",
            "The server process is sampled from /proc (RSS, threads, open files, CPU time); a Java server's longest "
                    + "GC pause is read from the -Xlog:gc file the bench has it write beside its output (observed, not "
                    + "tuned). The load generator is also compared with a minimal single-threaded epoll client in C.",
            "Yardsticks, loaded in the same bursts and rounds as the models and held at the same levels: a minimal "
                    + "single-threaded epoll server in C (compiled with gcc when present), the floor, and bare Netty "
                    + "(bare-netty.jar: a length-field decoder and one handler, nothing else) on each transport of the "
                    + "run's Netty models (--quick: the reference's only) with bin/netty-server's JVM options, warmed up as "
                    + "the models are. Each Netty model's server CPU per session is given as a multiple of bare Netty's on "
                    + "its transport and of the C server's, its RSS per held connection as a multiple of bare Netty's.",
            "Writes results.json, results.md (beginning with a summary in words) and the charts "
                    + "sessions-per-second.png, rss-per-connection.png, memory.png, threads.png, latency-p50.png, "
                    + "latency-p99.png, latency-p99.9.png, (TLS) tls-sessions-per-second.png and tls-rss-per-connection.png "
                    + "and (the raw race) raw-sessions-per-second.png, raw-memory.png and raw-threads.png into --out, with "
                    + "each process's output in --out/logs. Every step is bounded in time; servers are always stopped "
                    + "(also on Ctrl-C). How long each part took is in results.json (phaseSeconds) and at the head "
                    + "of results.md.",
            "Client and server share the machine: the numbers compare the models with each other, here.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the run finished and its reports were written (failures are data, in the reports)",
            "1:the run could not be made (the jars are not built, the output cannot be written)",
            "2:a bad command line"
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--quick",
            description = "A smoke test of every scenario: 1,000 sessions per burst, "
                    + "one held level of 1,000 with 100 ms think time; bare Netty on the reference model's transport "
                    + "only; the raw race with 200 sessions at concurrency "
                    + "20 and a level of 10 for the Python servers and the reference Netty model; for CI.")
    boolean quick;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "bench-results",
            description = "Directory for the results, created if needed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--models",
            paramLabel = "NAMES",
            split = ",",
            description = "Models to run, comma-separated (default: all): netty-io_uring, netty-epoll, netty-nio, "
                    + "thread-per-client, pool-2, pool-200, virtual.")
    List<String> modelNames;

    @Option(
            names = "--sessions",
            paramLabel = "N",
            description = "Sessions per burst instead of the plan's (50,000; 1,000 with --quick).")
    Long sessions;

    @Option(
            names = "--held-levels",
            paramLabel = "LIST",
            split = ",",
            description = "Held levels instead of the plan's (1000,5000,10000,19000; 1000 with --quick).")
    List<Integer> heldLevels;

    @Option(
            names = "--think",
            paramLabel = "MS",
            description = "Think time of the held clients instead of the plan's (1000; 100 with --quick).")
    Integer think;

    @Option(
            names = "--hold",
            paramLabel = "S",
            description = "Seconds each held level is kept after its ramp (10; 1 with --quick).")
    Integer hold;

    @Option(
            names = "--processes",
            paramLabel = "N",
            defaultValue = "1",
            description = "Hold each level on N server processes of each model sharing one port (--reuse-port, the "
                    + "kernel spreads the connections), loaded by N load generators with source addresses of their own, "
                    + "so that a level can pass what one process's open-file limit allows (here each process may hold "
                    + "some 19,900 connections: --processes 4 --held-levels 60000). RSS, threads, open files and CPU "
                    + "are summed over the servers. Only the held scenario changes; the yardsticks (the C server, bare "
                    + "Netty) hold no levels then. 1 to 16 (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(
            names = "--server-java-options",
            paramLabel = "OPTIONS",
            defaultValue = "",
            description = "JVM options added for every server process after its launcher's own "
                    + "(bin/jvm/netty-server.options, bin/jvm/threaded-server.options), space-separated, as "
                    + "LISTLINES_JAVA_OPTS adds them for bin/netty-server; by default none, so every model runs "
                    + "as its launcher ships it.")
    String serverJavaOptions;

    @Option(names = "--no-c-client", description = "Skip the comparison with the minimal C client.")
    boolean noCClient;

    @Option(
            names = "--scenarios",
            split = ",",
            paramLabel = "NAMES",
            description =
                    "Scenarios to run, comma-separated (default: all): burst, held, offered, startup (the programs' start-up "
                            + "times through their launchers), tls (burst and held over TLS, every model, Netty with "
                            + "each provider; needs openssl), raw (the article's Python servers against the Java models "
                            + "in raw framing), features (the reference Netty server's CPU per session with each feature "
                            + "on: session logging, metrics, the connection limits, PROXY v2, all of them; each over the "
                            + "default).")
    List<String> scenarioNames;

    @Option(
            names = "--redraw",
            paramLabel = "DIR",
            description = "Run nothing: draw DIR's results.md and charts again from its results.json, its targets "
                    + "and notes evaluated again, as this version of the bench reports and reads the numbers (after a "
                    + "change to the report or to a rule such as when a model counts as saturated).")
    Path redraw;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "The project's root, holding netty-server/target/netty-server.jar and the others "
                    + "(default: found from the bench jar's location, else the current directory).")
    Path root;

    private final PrintStream progress;

    public BenchCommand() {
        this(System.out);
    }

    public BenchCommand(PrintStream progress) {
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (redraw != null) {
            return redraw(redraw.toAbsolutePath().normalize());
        }
        CommandLine.Model.CommandSpec spec = new CommandLine(this).getCommandSpec();
        Plan plan = quick ? Plan.quickRun() : Plan.fullRun();
        require(spec, sessions == null || sessions > 0, "--sessions must be positive");
        require(spec, heldLevels == null || heldLevels.stream().allMatch(l -> l > 0), "--held-levels must be positive");
        require(spec, think == null || think > 0, "--think must be positive");
        require(spec, hold == null || hold >= 0, "--hold must be 0 or more");
        require(spec, processes >= 1 && processes <= 16, "--processes must be 1 to 16");
        plan = plan.with(
                        sessions,
                        heldLevels == null
                                ? null
                                : heldLevels.stream().sorted().distinct().toList(),
                        think,
                        hold)
                .withProcesses(processes);
        List<ServerModel> models = new ArrayList<>();
        if (modelNames == null || modelNames.isEmpty()) {
            models.addAll(ServerModel.all());
        } else {
            for (String name : modelNames) {
                ServerModel model = ServerModel.named(name);
                if (model == null) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "Unknown model '" + name + "'; choose from "
                                    + ServerModel.all().stream()
                                            .map(ServerModel::name)
                                            .toList() + ".");
                }
                if (!models.contains(model)) {
                    models.add(model);
                }
            }
            models.sort((a, b) -> Integer.compare(
                    ServerModel.all().indexOf(a), ServerModel.all().indexOf(b)));
        }

        Path projectRoot = (root != null ? root : findRoot()).toAbsolutePath().normalize();
        Path clientJar = projectRoot.resolve("netty-client/target/netty-client.jar");
        if (!Files.isRegularFile(clientJar)) {
            System.err.println("bench: " + clientJar + " does not exist; build the project first: (cd '" + projectRoot
                    + "' && mvn -q package -DskipTests), or point --root at it.");
            return 1;
        }
        Path outDir = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            System.err.println("bench: cannot create " + outDir + ": " + e.getMessage());
            return 1;
        }

        String java = javaCommand();
        List<String> jvmOptions = serverJavaOptions == null || serverJavaOptions.isBlank()
                ? List.of()
                : List.of(serverJavaOptions.trim().split("\\s+"));
        Harness harness = new Harness(plan, projectRoot, outDir, java, jvmOptions, models, progress);
        Results results;
        try {
            results = BenchRun.run(
                    harness, scenarios(spec), !noCClient, modelNames == null ? List.of() : List.copyOf(modelNames));
        } finally {
            Children.killAll();
        }
        write(results, outDir);
        progress.println();
        progress.println("Targets:");
        for (Target t : results.targets()) {
            progress.printf(Locale.ROOT, "  %-12s %s: %s%n", t.status(), t.name(), t.detail());
        }
        progress.printf(
                Locale.ROOT,
                "%nWrote %s, %s and the charts in %s (%.0f s).%n",
                "results.json",
                "results.md",
                outDir,
                results.elapsedSeconds());
        return 0;
    }

    private int redraw(Path dir) throws IOException {
        Path json = dir.resolve("results.json");
        Results results;
        try {
            results = Json.readResults(json);
        } catch (IOException e) {
            System.err.println("bench: cannot read " + json + ": " + e.getMessage());
            return 1;
        }
        write(Verdict.of(results), dir);
        progress.printf(
                Locale.ROOT,
                "Drew results.md and the charts in %s again from results.json, its targets and notes read again.%n",
                dir);
        return 0;
    }

    public static void write(Results results, Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            Charts.write(Scenarios.charts(results), dir);
        } catch (IOException | RuntimeException | Error e) {
            problems.add("the charts could not be drawn: " + e);
        }
        Results written = results.inCurrentSchema();
        if (!problems.isEmpty()) {
            List<String> notes = new ArrayList<>(results.notes());
            notes.addAll(problems);
            written = written.withVerdict(results.targets(), notes);
        }
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), written);
        Files.writeString(dir.resolve("results.md"), MarkdownReport.render(written), StandardCharsets.UTF_8);
        for (String problem : problems) {
            System.err.println("bench: " + problem);
        }
    }

    private List<Scenario> scenarios(CommandLine.Model.CommandSpec spec) {
        if (scenarioNames == null || scenarioNames.isEmpty()) {
            return Scenarios.ALL;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarioNames) {
            Scenario s = Scenarios.named(name);
            require(
                    spec,
                    s != null,
                    "Unknown scenario '" + name + "'; choose from "
                            + String.join(
                                    ", ",
                                    Scenarios.ALL.stream().map(Scenario::name).toList()));
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        return chosen;
    }

    private static void require(CommandLine.Model.CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message + ".");
        }
    }

    /** The java running the bench: the servers and the generator run on the same JDK. */
    public static String javaCommand() {
        Optional<String> command = ProcessHandle.current().info().command();
        if (command.isPresent() && Files.isExecutable(Path.of(command.get()))) {
            return command.get();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The project root: the bench jar is ROOT/bench/target/bench.jar (or ROOT/bench/target/classes). */
    public static Path findRoot() {
        try {
            Path location = Path.of(BenchCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path target = location.getParent();
            if (target != null
                    && target.getFileName() != null
                    && target.getFileName().toString().equals("target")
                    && target.getParent() != null
                    && target.getParent().getParent() != null) {
                Path candidate = target.getParent().getParent();
                if (Files.isDirectory(candidate.resolve("netty-client"))) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the current directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(cwd.resolve("netty-client"))
                && cwd.getParent() != null
                && Files.isDirectory(cwd.getParent().resolve("netty-client"))) {
            return cwd.getParent();
        }
        return cwd;
    }
}
