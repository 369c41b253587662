package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.listlines.report.LoadReport;

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
