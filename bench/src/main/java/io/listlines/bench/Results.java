package io.listlines.bench;

import io.listlines.client.LoadReport;
import java.util.List;
import java.util.Map;

/** Everything a bench run found: written as results.json, summarised in results.md and the charts. */
record Results(String generatedAt, boolean quick, double elapsedSeconds, Machine machine, Settings settings,
               List<ModelResult> models, GeneratorVsC generatorVsC, List<Target> targets, List<String> notes) {

    /** Scenario status values. */
    static final String OK = "ok";
    static final String NO_SESSIONS = "no-sessions";
    static final String REFUSED = "refused";
    static final String OVERRUN = "overrun";
    static final String SERVER_DOWN = "server-down";
    static final String ERROR = "error";

    /** What the run was asked to do. */
    record Settings(long burstSessions, List<Integer> burstConcurrency, int burstWarmupSeconds, int burstRounds,
                    long serverWarmupSessions,
                    long heldWarmupSessions, List<Integer> heldLevels, int thinkMillis, int holdSeconds, int clientTimeoutSeconds,
                    int serverIdleTimeoutSeconds, boolean freshServerPerHeldLevel, boolean heldRamp,
                    String warmUpClient, List<String> modelsAsked, String java,
                    List<String> serverJavaOptions,
                    String projectRoot, String outputDirectory) {
    }

    record ModelResult(String name, String kind, String description, boolean available, String unavailableReason,
                       List<String> command, List<BurstResult> burst, List<HeldResult> held) {
    }

    /**
     * Full sessions as fast as they go. {@code otherCpuSeconds} is what the rest of the machine (other
     * processes, the bench itself) used meanwhile: the machine's busy time minus server and generator. {@code sessionsRun} counts every session the generator ran,
     * {@code completed} and the latencies only those after its warm-up seconds; {@code sessionsPerSecond}
     * is over that measured stretch. Server CPU counts the whole run. With several rounds this is the
     * median of the rounds that ended well (the first round if none did; the report's notes name the
     * others), and {@code roundsSessionsPerSecond} and {@code roundsFailed} list every round's
     * sessions/s and failed sessions in the order they ran.
     */
    record BurstResult(int concurrency, String status, String error, long sessionsRequested, long sessionsRun,
                       long completed, long failed, Map<String, Long> failures, double sessionsPerSecond,
                       List<Double> roundsSessionsPerSecond, List<Long> roundsFailed,
                       double latencyP50Millis, double latencyP99Millis, double serverCpuSeconds,
                       double serverCpuSecondsPer1000Sessions, long peakRssBytes, int peakThreads, double wallSeconds,
                       double loadGeneratorCpuSeconds, double otherCpuSeconds, String loadAverageBefore, LoadReport generator) {

        BurstResult withRounds(List<Double> rounds, List<Long> failedByRound) {
            return new BurstResult(concurrency, status, error, sessionsRequested, sessionsRun, completed, failed, failures,
                    sessionsPerSecond, List.copyOf(rounds), List.copyOf(failedByRound), latencyP50Millis, latencyP99Millis, serverCpuSeconds,
                    serverCpuSecondsPer1000Sessions, peakRssBytes, peakThreads, wallSeconds, loadGeneratorCpuSeconds,
                    otherCpuSeconds, loadAverageBefore, generator);
        }
    }

    /**
     * Slow clients held at once. {@code peakOpen} is the generator's most connections open at once;
     * {@code serverConnectionsPeak} the server's open files above its idle count at the peak.
     */
    record HeldResult(int level, String status, String error, int thinkMillis, double rate, int durationSeconds,
                      long peakOpen, long serverConnectionsPeak, long completed, long failed, Map<String, Long> failures,
                      long idleRssBytes, int idleThreads, int idleFds, long peakRssBytes, int peakThreads, int peakFds,
                      double rssPerConnectionBytes, double serverCpuSeconds, double wallSeconds,
                      double loadGeneratorCpuSeconds, double otherCpuSeconds, String loadAverageBefore,
                      List<ProcSampler.Sample> samples, LoadReport generator) {
        boolean heldAll() {
            return OK.equals(status) && peakOpen >= level && failed == 0;
        }
    }

    /**
     * The load generator against the minimal C client, same server, sessions and concurrency: in every
     * round the C client runs just before and just after the generator's burst at 100;
     * {@code cSessionsPerSecond} is the median of those runs, {@code generatorSessionsPerSecond} the
     * median of the generator's rounds and {@code ratio} the one over the other.
     */
    record GeneratorVsC(String status, String note, String model, long sessions, int concurrency,
                        double generatorSessionsPerSecond, double cSessionsPerSecond, double ratio,
                        List<MinimalClient.Result> cRuns) {
    }

    /** A target from the issue: {@code met}, {@code missed} or {@code not measured}, with the numbers. */
    record Target(String name, String status, String detail) {
    }
}
