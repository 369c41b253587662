package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.listlines.report.LoadReport;
import java.util.List;

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
                ranToTheEnd > 0 ? Run.round3(run.serverCpuSeconds() / ranToTheEnd * 1000) : 0,
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
