package io.listlines.bench;

import com.fasterxml.jackson.annotation.JsonValue;
import io.listlines.client.LoadReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a bench run found: written as results.json, summarised in results.md and the charts. */
record Results(
        String generatedAt,
        boolean quick,
        double elapsedSeconds,
        Machine machine,
        Settings settings,
        List<ModelResult> models,
        GeneratorVsC generatorVsC,
        CServerResult cServer,
        List<Target> targets,
        List<String> notes) {

    /** How a scenario, or the comparison with the C client, ended; results.json and the reports give its label. */
    enum Status {
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

    /** What the run was asked to do. */
    record Settings(
            long burstSessions,
            List<Integer> burstConcurrency,
            int burstWarmupSeconds,
            int burstRounds,
            long serverWarmupSessions,
            long heldWarmupSessions,
            List<Integer> heldLevels,
            int thinkMillis,
            int holdSeconds,
            int clientTimeoutSeconds,
            int serverIdleTimeoutSeconds,
            boolean freshServerPerHeldLevel,
            boolean heldRamp,
            String warmUpClient,
            List<String> modelsAsked,
            String java,
            List<String> serverJavaOptions,
            String projectRoot,
            String outputDirectory) {}

    record ModelResult(
            String name,
            String kind,
            String description,
            boolean available,
            String unavailableReason,
            List<String> command,
            List<BurstResult> burst,
            List<HeldResult> held) {}

    /**
     * Full sessions as fast as they go. {@code otherCpuSeconds} is what the rest of the machine (other
     * processes, the bench itself) used meanwhile: the machine's busy time minus server and generator. {@code sessionsRun} counts every session the generator ran,
     * {@code completed} and the latencies only those after its warm-up seconds; {@code sessionsPerSecond}
     * is over that measured stretch. Server CPU counts the whole run. With several rounds this is the
     * median of the rounds that ended well (the first round if none did; the report's notes name the
     * others), and {@code roundsSessionsPerSecond} and {@code roundsFailed} list every round's
     * sessions/s and failed sessions in the order they ran. {@code serverCpuRatioToCServer} is
     * {@code serverCpuSecondsPer1000Sessions} over the minimal C server's at the same concurrency (0
     * when it did not run).
     */
    record BurstResult(
            int concurrency,
            Status status,
            String error,
            long sessionsRequested,
            long sessionsRun,
            long completed,
            long failed,
            Map<String, Long> failures,
            double sessionsPerSecond,
            List<Double> roundsSessionsPerSecond,
            List<Long> roundsFailed,
            double latencyP50Millis,
            double latencyP99Millis,
            double serverCpuSeconds,
            double serverCpuSecondsPer1000Sessions,
            double serverCpuRatioToCServer,
            long peakRssBytes,
            int peakThreads,
            double wallSeconds,
            double loadGeneratorCpuSeconds,
            double otherCpuSeconds,
            String loadAverageBefore,
            LoadReport generator) {

        /** The generator finished its run and completed sessions: a round whose numbers count. */
        boolean endedWell() {
            return status == Status.OK;
        }

        BurstResult withRounds(List<Double> rounds, List<Long> failedByRound) {
            return new Builder(this)
                    .roundsSessionsPerSecond(List.copyOf(rounds))
                    .roundsFailed(List.copyOf(failedByRound))
                    .build();
        }

        BurstResult withServerCpuRatioToCServer(double ratio) {
            return new Builder(this).serverCpuRatioToCServer(ratio).build();
        }

        /** A burst at {@code concurrency} that ended as {@code status}; every number not set is 0, every list empty. */
        static Builder builder(int concurrency, Status status) {
            return new Builder(concurrency, status);
        }

        static final class Builder {
            private final int concurrency;
            private final Status status;
            private String error;
            private long sessionsRequested;
            private long sessionsRun;
            private long completed;
            private long failed;
            private Map<String, Long> failures = Map.of();
            private double sessionsPerSecond;
            private List<Double> roundsSessionsPerSecond = List.of();
            private List<Long> roundsFailed = List.of();
            private double latencyP50Millis;
            private double latencyP99Millis;
            private double serverCpuSeconds;
            private double serverCpuSecondsPer1000Sessions;
            private double serverCpuRatioToCServer;
            private long peakRssBytes;
            private int peakThreads;
            private double wallSeconds;
            private double loadGeneratorCpuSeconds;
            private double otherCpuSeconds;
            private String loadAverageBefore;
            private LoadReport generator;

            private Builder(int concurrency, Status status) {
                this.concurrency = concurrency;
                this.status = status;
            }

            private Builder(BurstResult r) {
                this(r.concurrency, r.status);
                error = r.error;
                sessionsRequested = r.sessionsRequested;
                sessionsRun = r.sessionsRun;
                completed = r.completed;
                failed = r.failed;
                failures = r.failures;
                sessionsPerSecond = r.sessionsPerSecond;
                roundsSessionsPerSecond = r.roundsSessionsPerSecond;
                roundsFailed = r.roundsFailed;
                latencyP50Millis = r.latencyP50Millis;
                latencyP99Millis = r.latencyP99Millis;
                serverCpuSeconds = r.serverCpuSeconds;
                serverCpuSecondsPer1000Sessions = r.serverCpuSecondsPer1000Sessions;
                serverCpuRatioToCServer = r.serverCpuRatioToCServer;
                peakRssBytes = r.peakRssBytes;
                peakThreads = r.peakThreads;
                wallSeconds = r.wallSeconds;
                loadGeneratorCpuSeconds = r.loadGeneratorCpuSeconds;
                otherCpuSeconds = r.otherCpuSeconds;
                loadAverageBefore = r.loadAverageBefore;
                generator = r.generator;
            }

            Builder error(String value) {
                error = value;
                return this;
            }

            Builder sessionsRequested(long value) {
                sessionsRequested = value;
                return this;
            }

            /** Every session the generator ran, its warm-up included. */
            Builder sessionsRun(long value) {
                sessionsRun = value;
                return this;
            }

            Builder completed(long value) {
                completed = value;
                return this;
            }

            Builder failed(long value) {
                failed = value;
                return this;
            }

            Builder failures(Map<String, Long> value) {
                failures = value;
                return this;
            }

            Builder sessionsPerSecond(double value) {
                sessionsPerSecond = value;
                return this;
            }

            Builder roundsSessionsPerSecond(List<Double> value) {
                roundsSessionsPerSecond = value;
                return this;
            }

            Builder roundsFailed(List<Long> value) {
                roundsFailed = value;
                return this;
            }

            Builder latencyP50Millis(double value) {
                latencyP50Millis = value;
                return this;
            }

            Builder latencyP99Millis(double value) {
                latencyP99Millis = value;
                return this;
            }

            Builder serverCpuSeconds(double value) {
                serverCpuSeconds = value;
                return this;
            }

            Builder serverCpuSecondsPer1000Sessions(double value) {
                serverCpuSecondsPer1000Sessions = value;
                return this;
            }

            Builder serverCpuRatioToCServer(double value) {
                serverCpuRatioToCServer = value;
                return this;
            }

            Builder peakRssBytes(long value) {
                peakRssBytes = value;
                return this;
            }

            Builder peakThreads(int value) {
                peakThreads = value;
                return this;
            }

            Builder wallSeconds(double value) {
                wallSeconds = value;
                return this;
            }

            Builder loadGeneratorCpuSeconds(double value) {
                loadGeneratorCpuSeconds = value;
                return this;
            }

            /** What the rest of the machine used meanwhile: its busy time minus server and generator. */
            Builder otherCpuSeconds(double value) {
                otherCpuSeconds = value;
                return this;
            }

            Builder loadAverageBefore(String value) {
                loadAverageBefore = value;
                return this;
            }

            Builder generator(LoadReport value) {
                generator = value;
                return this;
            }

            BurstResult build() {
                return new BurstResult(
                        concurrency,
                        status,
                        error,
                        sessionsRequested,
                        sessionsRun,
                        completed,
                        failed,
                        failures,
                        sessionsPerSecond,
                        roundsSessionsPerSecond,
                        roundsFailed,
                        latencyP50Millis,
                        latencyP99Millis,
                        serverCpuSeconds,
                        serverCpuSecondsPer1000Sessions,
                        serverCpuRatioToCServer,
                        peakRssBytes,
                        peakThreads,
                        wallSeconds,
                        loadGeneratorCpuSeconds,
                        otherCpuSeconds,
                        loadAverageBefore,
                        generator);
            }
        }
    }

    /**
     * Slow clients held at once. {@code peakOpen} is the generator's most connections open at once;
     * {@code serverConnectionsPeak} the server's open files above its idle count at the peak.
     */
    record HeldResult(
            int level,
            Status status,
            String error,
            int thinkMillis,
            double rate,
            int durationSeconds,
            long peakOpen,
            long serverConnectionsPeak,
            long completed,
            long failed,
            Map<String, Long> failures,
            long idleRssBytes,
            int idleThreads,
            int idleFds,
            long peakRssBytes,
            int peakThreads,
            int peakFds,
            double rssPerConnectionBytes,
            double serverCpuSeconds,
            double wallSeconds,
            double loadGeneratorCpuSeconds,
            double otherCpuSeconds,
            String loadAverageBefore,
            List<ProcSampler.Sample> samples,
            LoadReport generator) {

        /** The generator finished its run and completed sessions (whether or not the level was held). */
        boolean endedWell() {
            return status == Status.OK;
        }

        /** Every client of the level was open at once, and no session failed. */
        boolean heldAll() {
            return endedWell() && peakOpen >= level && failed == 0;
        }

        /** A held {@code level} that ended as {@code status}; every number not set is 0, every list empty. */
        static Builder builder(int level, Status status) {
            return new Builder(level, status);
        }

        static final class Builder {
            private final int level;
            private final Status status;
            private String error;
            private int thinkMillis;
            private double rate;
            private int durationSeconds;
            private long peakOpen;
            private long serverConnectionsPeak;
            private long completed;
            private long failed;
            private Map<String, Long> failures = Map.of();
            private long idleRssBytes;
            private int idleThreads;
            private int idleFds;
            private long peakRssBytes;
            private int peakThreads;
            private int peakFds;
            private double rssPerConnectionBytes;
            private double serverCpuSeconds;
            private double wallSeconds;
            private double loadGeneratorCpuSeconds;
            private double otherCpuSeconds;
            private String loadAverageBefore;
            private List<ProcSampler.Sample> samples = List.of();
            private LoadReport generator;

            private Builder(int level, Status status) {
                this.level = level;
                this.status = status;
            }

            Builder error(String value) {
                error = value;
                return this;
            }

            Builder thinkMillis(int value) {
                thinkMillis = value;
                return this;
            }

            /** Connections opened per second; 0 opens them all at once. */
            Builder rate(double value) {
                rate = value;
                return this;
            }

            Builder durationSeconds(int value) {
                durationSeconds = value;
                return this;
            }

            Builder peakOpen(long value) {
                peakOpen = value;
                return this;
            }

            /** The server's open files above its idle count, at the peak. */
            Builder serverConnectionsPeak(long value) {
                serverConnectionsPeak = value;
                return this;
            }

            Builder completed(long value) {
                completed = value;
                return this;
            }

            Builder failed(long value) {
                failed = value;
                return this;
            }

            Builder failures(Map<String, Long> value) {
                failures = value;
                return this;
            }

            Builder idleRssBytes(long value) {
                idleRssBytes = value;
                return this;
            }

            Builder idleThreads(int value) {
                idleThreads = value;
                return this;
            }

            Builder idleFds(int value) {
                idleFds = value;
                return this;
            }

            Builder peakRssBytes(long value) {
                peakRssBytes = value;
                return this;
            }

            Builder peakThreads(int value) {
                peakThreads = value;
                return this;
            }

            Builder peakFds(int value) {
                peakFds = value;
                return this;
            }

            Builder rssPerConnectionBytes(double value) {
                rssPerConnectionBytes = value;
                return this;
            }

            Builder serverCpuSeconds(double value) {
                serverCpuSeconds = value;
                return this;
            }

            Builder wallSeconds(double value) {
                wallSeconds = value;
                return this;
            }

            Builder loadGeneratorCpuSeconds(double value) {
                loadGeneratorCpuSeconds = value;
                return this;
            }

            /** What the rest of the machine used meanwhile: its busy time minus server and generator. */
            Builder otherCpuSeconds(double value) {
                otherCpuSeconds = value;
                return this;
            }

            Builder loadAverageBefore(String value) {
                loadAverageBefore = value;
                return this;
            }

            Builder samples(List<ProcSampler.Sample> value) {
                samples = value;
                return this;
            }

            Builder generator(LoadReport value) {
                generator = value;
                return this;
            }

            HeldResult build() {
                return new HeldResult(
                        level,
                        status,
                        error,
                        thinkMillis,
                        rate,
                        durationSeconds,
                        peakOpen,
                        serverConnectionsPeak,
                        completed,
                        failed,
                        failures,
                        idleRssBytes,
                        idleThreads,
                        idleFds,
                        peakRssBytes,
                        peakThreads,
                        peakFds,
                        rssPerConnectionBytes,
                        serverCpuSeconds,
                        wallSeconds,
                        loadGeneratorCpuSeconds,
                        otherCpuSeconds,
                        loadAverageBefore,
                        samples,
                        generator);
            }
        }
    }

    /**
     * The load generator against the minimal C client, same server, sessions and concurrency: in every
     * round the C client runs just before and just after the generator's burst at 100;
     * {@code cSessionsPerSecond} is the median of those runs, {@code generatorSessionsPerSecond} the
     * median of the generator's rounds and {@code ratio} the one over the other.
     */
    record GeneratorVsC(
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
        static GeneratorVsC notMeasured(String why, String model, long sessions) {
            return new GeneratorVsC(Status.NOT_MEASURED, why, model, sessions, 100, 0, 0, 0, List.of());
        }

        /** Both the generator and the C client completed sessions: the ratio means something. */
        boolean measured() {
            return status == Status.OK;
        }
    }

    /**
     * The minimal C epoll server ({@code minimal_server.c}), the yardstick of the models' server CPU:
     * loaded by the same generator in the same bursts, in the same rounds, but not a model, so it
     * is in no comparison or target about models. {@code burst} is one result per concurrency (its
     * median round), as a model's; {@code note} says why it did not run, or what went wrong.
     */
    record CServerResult(Status status, String note, List<String> command, List<BurstResult> burst) {

        /** The yardstick did not run, for {@code why}. */
        static CServerResult notMeasured(String why) {
            return new CServerResult(Status.NOT_MEASURED, why, List.of(), List.of());
        }

        /** Its burst at {@code concurrency}, if it ended well and its server used some CPU. */
        Optional<BurstResult> measuredBurst(int concurrency) {
            return burst.stream()
                    .filter(b ->
                            b.concurrency() == concurrency && b.endedWell() && b.serverCpuSecondsPer1000Sessions() > 0)
                    .findFirst();
        }
    }

    /** A target from the issue: {@code met}, {@code missed} or {@code not measured}, with the numbers. */
    record Target(String name, String status, String detail) {}
}
