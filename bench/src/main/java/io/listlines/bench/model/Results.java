package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.LoadRun;
import io.listlines.bench.proc.MinimalClient;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.tls.TlsPhase;
import io.listlines.report.LoadReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a bench run found: written as results.json, summarised in results.md and the charts. */
public record Results(
        String generatedAt,
        boolean quick,
        double elapsedSeconds,
        Machine machine,
        Settings settings,
        List<ModelResult> models,
        GeneratorVsC generatorVsC,
        CServerResult cServer,
        /** The programs' start-up times; empty when the scenario did not run (or in results written before it). */
        List<StartupResult> startup,
        /**
         * The TLS scenario: each model (and the reference Netty with each TLS provider) as a model of its own,
         * {@code name} saying which; empty when the scenario did not run (or in results written before it).
         */
        List<ModelResult> tls,
        /** The raw-framing race; {@link RawResult#NONE} when it did not run (or in results written before it). */
        RawResult raw,
        List<Target> targets,
        List<String> notes) {

    public Results {
        startup = startup == null ? List.of() : List.copyOf(startup);
        tls = tls == null ? List.of() : List.copyOf(tls);
        raw = raw == null ? RawResult.NONE : raw;
    }

    /** These results with the targets met or missed and the notes that read them. */
    public Results withVerdict(List<Target> targets, List<String> notes) {
        return new Results(
                generatedAt,
                quick,
                elapsedSeconds,
                machine,
                settings,
                models,
                generatorVsC,
                cServer,
                startup,
                tls,
                raw,
                List.copyOf(targets),
                List.copyOf(notes));
    }

    /** The models that ran: a model whose transport or program this machine lacks is listed, not run. */
    public List<ModelResult> modelsRun() {
        return models.stream().filter(ModelResult::available).toList();
    }

    /** Whether a model ran bursts: a report draws and tables only the scenarios its run has. */
    public boolean hasBursts() {
        return modelsRun().stream().anyMatch(m -> !m.burst().isEmpty());
    }

    /** Whether a model held levels. */
    public boolean hasHeld() {
        return modelsRun().stream().anyMatch(m -> !m.held().isEmpty());
    }

    /** The TLS variants that ran. */
    public List<ModelResult> tlsRun() {
        return tls.stream().filter(ModelResult::available).toList();
    }

    /** The plaintext model a TLS variant ({@code MODEL over TLS ...}) runs, if it ran in these results. */
    public Optional<ModelResult> plaintextOf(ModelResult tlsVariant) {
        return modelsRun().stream()
                .filter(m -> tlsVariant.name().startsWith(m.name() + TlsPhase.Variant.SUFFIX))
                .findFirst();
    }

    /** Whether a model ran the offered-load ladder. */
    public boolean hasOffered() {
        return modelsRun().stream().anyMatch(m -> !m.offered().isEmpty());
    }

    /** How a scenario, or the comparison with the C client, ended; results.json and the reports give its label. */
    public enum Status {
        OK("ok"),
        /** The generator ran but completed no session. */
        NO_SESSIONS("no-sessions"),
        /** The generator refused the command line or a limit it could not meet (its exit status 2). */
        REFUSED("refused"),
        /** Killed at its time limit. */
        OVERRUN("overrun"),
        SERVER_DOWN("server-down"),
        ERROR("error"),
        /** The comparison with the C client, and the C server yardstick, only: it did not run. */
        NOT_MEASURED("not measured");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @JsonValue
        @Override
        public String toString() {
            return label;
        }
    }

    /** What the run was asked to do: its plan, and where and with what it ran. */
    public record Settings(
            @JsonUnwrapped Plan plan,
            String warmUpClient,
            List<String> scenarios,
            List<String> modelsAsked,
            String java,
            List<String> serverJavaOptions,
            /** The load generator's JVM options (its launcher's); null in results written before they were recorded. */
            List<String> generatorJavaOptions,
            String projectRoot,
            String outputDirectory) {}

    public record ModelResult(
            String name,
            String kind,
            String description,
            boolean available,
            String unavailableReason,
            List<String> command,
            List<BurstResult> burst,
            List<HeldResult> held,
            List<RateResult> offered) {
        /** {@code model} listed under {@code name} but not run: this machine lacks its transport or jar ({@code reason}). */
        public static ModelResult unavailable(String name, ServerModel model, String reason, List<String> command) {
            return new ModelResult(
                    name,
                    model.kind().toString(),
                    model.description(),
                    false,
                    reason,
                    command,
                    List.of(),
                    List.of(),
                    List.of());
        }
    }

    /**
     * One run of the load generator against a server, whichever the scenario: how it ended and what it
     * cost. {@code completed}/{@code failed} are the generator's sessions (a burst's count only those after
     * its warm-up); server CPU counts the whole run; {@code otherCpuSeconds} is what the rest of the
     * machine (other processes, the bench itself) used meanwhile: its busy time minus server and
     * generator. In results.json its fields stand in the scenario's own object.
     */
    public record Run(
            Status status,
            String error,
            long completed,
            long failed,
            Map<String, Long> failures,
            double serverCpuSeconds,
            long peakRssBytes,
            int peakThreads,
            double wallSeconds,
            double loadGeneratorCpuSeconds,
            double otherCpuSeconds,
            String loadAverageBefore,
            LoadReport generator) {

        /** What {@code sampled} found: the generator's report where it wrote one (none: no sessions counted). */
        public static Run of(Harness.Sampled sampled) {
            LoadRun.Outcome o = sampled.load();
            ProcSampler.Summary server = sampled.server();
            LoadReport r = o.report();
            return new Run(
                    Harness.status(o),
                    o.error(),
                    r != null ? r.completed() : 0,
                    r != null ? r.failed() : 0,
                    Harness.failures(r),
                    Harness.round3(server.cpuSeconds()),
                    server.peakRssBytes(),
                    server.peakThreads(),
                    Harness.round3(o.wallSeconds()),
                    Harness.round3(o.cpuSeconds()),
                    sampled.otherCpuSeconds(),
                    sampled.loadAverage(),
                    r);
        }

        /** A run that could not start because the server was gone, for {@code why}. */
        public static Run serverDown(String why) {
            return new Run(
                    Status.SERVER_DOWN,
                    why,
                    0,
                    0,
                    Harness.failures(null),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Harness.loadAverage(),
                    null);
        }

        /** The generator finished its run and completed sessions: a run whose numbers count. */
        public boolean endedWell() {
            return status == Status.OK;
        }
    }

    /**
     * Full sessions as fast as they go. {@code sessionsRun} counts every session the generator ran,
     * {@code run}'s completed sessions and the latencies only those after its warm-up seconds;
     * {@code sessionsPerSecond} is over that measured stretch. With several rounds this is the median of
     * the rounds that ended well (the first round if none did; the report's notes name the others), and
     * {@code roundsSessionsPerSecond} and {@code roundsFailed} list every round's sessions/s and failed
     * sessions in the order they ran. {@code serverCpuRatioToCServer} is
     * {@code serverCpuSecondsPer1000Sessions} over the minimal C server's at the same concurrency (0 when
     * it did not run).
     */
    public record BurstResult(
            int concurrency,
            long sessionsRequested,
            long sessionsRun,
            double sessionsPerSecond,
            List<Double> roundsSessionsPerSecond,
            List<Long> roundsFailed,
            double latencyP50Millis,
            double latencyP99Millis,
            double serverCpuSecondsPer1000Sessions,
            double serverCpuRatioToCServer,
            @JsonUnwrapped Run run) {

        /** A burst at {@code concurrency} of {@code requested} sessions, as {@code run} went. */
        public static BurstResult of(int concurrency, long requested, Run run) {
            LoadReport r = run.generator();
            long ran = r != null ? r.started() : run.completed() + run.failed();
            double rate = r != null ? r.sessionsPerSecond() : 0;
            LoadReport.Latency session = r != null ? r.latencyMillis().get(LoadReport.SESSION) : null;
            long ranToTheEnd = Math.max(0, ran - run.failed());
            return new BurstResult(
                    concurrency,
                    requested,
                    ran,
                    rate,
                    List.of(rate),
                    List.of(run.failed()),
                    session != null ? session.p50() : 0,
                    session != null ? session.p99() : 0,
                    ranToTheEnd > 0 ? Harness.round3(run.serverCpuSeconds() / ranToTheEnd * 1000) : 0,
                    0,
                    run);
        }

        public boolean endedWell() {
            return run.endedWell();
        }

        /** This burst as the median of rounds that went {@code rounds} sessions/s with {@code failedByRound} failed. */
        public BurstResult withRounds(List<Double> rounds, List<Long> failedByRound) {
            return copy(List.copyOf(rounds), List.copyOf(failedByRound), serverCpuRatioToCServer);
        }

        public BurstResult withServerCpuRatioToCServer(double ratio) {
            return copy(roundsSessionsPerSecond, roundsFailed, ratio);
        }

        private BurstResult copy(List<Double> rounds, List<Long> failedByRound, double ratio) {
            return new BurstResult(
                    concurrency,
                    sessionsRequested,
                    sessionsRun,
                    sessionsPerSecond,
                    rounds,
                    failedByRound,
                    latencyP50Millis,
                    latencyP99Millis,
                    serverCpuSecondsPer1000Sessions,
                    ratio,
                    run);
        }
    }

    /**
     * Slow clients held at once, {@code thinkMillis} before each line, {@code rate} new connections a
     * second (0: all at once) for {@code durationSeconds}. {@code peakOpen} is the generator's most
     * connections open at once; {@code serverConnectionsPeak} the server's open files above its idle count
     * at the peak; {@code rssPerConnectionBytes} the server's peak RSS above idle over {@code peakOpen}.
     */
    public record HeldResult(
            int level,
            int thinkMillis,
            double rate,
            int durationSeconds,
            long peakOpen,
            long serverConnectionsPeak,
            long idleRssBytes,
            int idleThreads,
            int idleFds,
            int peakFds,
            double rssPerConnectionBytes,
            List<ProcSampler.Sample> samples,
            @JsonUnwrapped Run run) {

        /**
         * {@code level} held with {@code thinkMillis}, {@code rate} and {@code durationSeconds}, as
         * {@code run} went, the server's state before it {@code idle} (null if it could not be read) and
         * its samples meanwhile {@code server} (null: none).
         */
        public static HeldResult of(
                int level,
                int thinkMillis,
                double rate,
                int durationSeconds,
                ProcSampler.Sample idle,
                ProcSampler.Summary server,
                Run run) {
            long peakOpen = run.generator() != null ? run.generator().peakOpen() : 0;
            long idleRss = idle == null ? 0 : idle.rssBytes();
            int idleFds = idle == null ? 0 : Math.max(0, idle.fds());
            int peakFds = server == null ? 0 : server.peakFds();
            return new HeldResult(
                    level,
                    thinkMillis,
                    rate,
                    durationSeconds,
                    peakOpen,
                    server == null ? 0 : Math.max(0, peakFds - idleFds),
                    idleRss,
                    idle == null ? 0 : idle.threads(),
                    idleFds,
                    peakFds,
                    peakOpen > 0 ? Math.round((double) (run.peakRssBytes() - idleRss) / peakOpen) : 0,
                    server == null ? List.of() : server.series(),
                    run);
        }

        /** The generator finished its run and completed sessions (whether or not the level was held). */
        public boolean endedWell() {
            return run.endedWell();
        }

        /** Every client of the level was open at once, and no session failed. */
        public boolean heldAll() {
            return endedWell() && peakOpen >= level && run.failed() == 0;
        }
    }

    /**
     * One open-loop run at {@code offeredRate} new sessions a second: {@code sessionsPerSecond} is what
     * completed a second, the latencies are of whole sessions counted from each one's scheduled start
     * (coordinated omission corrected). {@code saturated}: the server did not keep up (its p99 above
     * {@link #KEPT_UP_P99_MILLIS}, less than {@link #KEPT_UP} of the offered rate completed, more than
     * one session in 1,000 failed, or the run did not end well); a model's last point. The p99 bound
     * is what decides in practice: near its capacity a server still completes what is offered, but
     * later and later, as the queue grows (a ten-line session takes a few milliseconds unloaded).
     */
    @JsonIgnoreProperties(value = "saturated", allowGetters = true)
    public record RateResult(
            int offeredRate,
            double sessionsPerSecond,
            double latencyP50Millis,
            double latencyP99Millis,
            double latencyP999Millis,
            @JsonUnwrapped Run run) {

        /** Below this share of the offered rate completed, the server is saturated. */
        public static final double KEPT_UP = 0.95;

        /** Above this session latency p99, the server is saturated: its queue, not its work, sets the time. */
        public static final double KEPT_UP_P99_MILLIS = 100;

        public static RateResult of(int offeredRate, Run run) {
            LoadReport r = run.generator();
            LoadReport.Latency session = r != null ? r.latencyMillis().get(LoadReport.SESSION) : null;
            return new RateResult(
                    offeredRate,
                    r != null ? r.sessionsPerSecond() : 0,
                    session != null ? session.p50() : 0,
                    session != null ? session.p99() : 0,
                    session != null ? session.p999() : 0,
                    run);
        }

        /** Read from the numbers each time (and written to results.json), so a redrawn report applies today's rule. */
        @JsonProperty("saturated")
        public boolean saturated() {
            return !run.endedWell()
                    || run.generator() == null
                    || run.failed() * 1000 > Math.max(1, run.completed())
                    || sessionsPerSecond < KEPT_UP * offeredRate
                    || latencyP99Millis > KEPT_UP_P99_MILLIS;
        }
    }

    /**
     * The load generator against the minimal C client, same server, sessions and concurrency: in every
     * round the C client runs just before and just after the generator's burst at 100;
     * {@code cSessionsPerSecond} is the median of those runs, {@code generatorSessionsPerSecond} the
     * median of the generator's rounds and {@code ratio} the one over the other.
     */
    public record GeneratorVsC(
            Status status,
            String note,
            String model,
            long sessions,
            int concurrency,
            double generatorSessionsPerSecond,
            double cSessionsPerSecond,
            double ratio,
            List<MinimalClient.Result> cRuns) {

        /** The comparison did not run, for {@code why}. */
        public static GeneratorVsC notMeasured(String why, String model, long sessions) {
            return new GeneratorVsC(Status.NOT_MEASURED, why, model, sessions, 100, 0, 0, 0, List.of());
        }

        /** Both the generator and the C client completed sessions: the ratio means something. */
        public boolean measured() {
            return status == Status.OK;
        }
    }

    /**
     * The minimal C epoll server ({@code minimal_server.c}), the yardstick of the models' server CPU
     * and the floor of their memory: loaded by the same generator in the same bursts, in the same
     * rounds, and held at the same levels, but not a model, so it is in no comparison or target about
     * models. {@code burst} is one result per concurrency (its median round), as a model's;
     * {@code held} one per level; {@code note} says why it did not run, or what went wrong.
     */
    public record CServerResult(
            Status status, String note, List<String> command, List<BurstResult> burst, List<HeldResult> held) {

        /** The yardstick did not run, for {@code why}. */
        public static CServerResult notMeasured(String why) {
            return new CServerResult(Status.NOT_MEASURED, why, List.of(), List.of(), List.of());
        }

        public CServerResult withHeld(List<HeldResult> levels) {
            return new CServerResult(status, note, command, burst, List.copyOf(levels));
        }

        /** Its burst at {@code concurrency}, if it ended well and its server used some CPU. */
        public Optional<BurstResult> measuredBurst(int concurrency) {
            return burst.stream()
                    .filter(b ->
                            b.concurrency() == concurrency && b.endedWell() && b.serverCpuSecondsPer1000Sessions() > 0)
                    .findFirst();
        }
    }

    /**
     * The raw-framing race: the article's servers in Python 3, one on asyncio, and Java models with
     * {@code --framing raw}, each burst and held as {@code plan} says, by the load generator in raw
     * framing. A server's result has a model's shape (kind {@code python} for the Python ones, no
     * offered-load runs); {@code note} says what did not run (no python3), or is null.
     */
    public record RawResult(RawPlan plan, String note, List<ModelResult> servers) {
        public static final RawResult NONE = new RawResult(null, null, List.of());

        public RawResult {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }

        /** The servers that ran. */
        public List<ModelResult> serversRun() {
            return servers.stream().filter(ModelResult::available).toList();
        }
    }

    /** A target from the issue: {@code met}, {@code missed} or {@code not measured}, with the numbers. */
    public record Target(String name, String status, String detail) {}

    /**
     * One program's start-up through its launcher: {@code millis} are the measured runs in order (after the
     * unmeasured ones that make the class-data cache), the median what the report quotes; {@code error}
     * says why there are none.
     */
    public record StartupResult(
            String program, String command, String until, List<Long> millis, long medianMillis, String error) {
        public static StartupResult of(String program, String command, String until, List<Long> millis) {
            List<Long> sorted = millis.stream().sorted().toList();
            return new StartupResult(program, command, until, List.copyOf(millis), sorted.get(sorted.size() / 2), null);
        }

        public static StartupResult failed(String program, String command, String error) {
            return new StartupResult(program, command, null, List.of(), -1, error);
        }
    }
}
